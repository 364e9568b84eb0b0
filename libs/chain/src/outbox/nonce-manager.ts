import type { EntityManager } from 'typeorm';

/**
 * Hands out nonces for one signing address from a row locked FOR UPDATE, so any number of
 * workers (in any number of processes) never give the same nonce twice. The row commits
 * together with the signed transactions that use the nonces.
 */
export class NonceManager {
  /**
   * Reserves `count` consecutive nonces inside the caller's transaction and returns the first.
   * `chainPending` (the node's pending transaction count) lifts the counter when the key was
   * used outside Tally; it never lowers it (our signed, not yet broadcast transactions count).
   */
  async reserve(manager: EntityManager, chainId: number, address: string, count: number, chainPending: bigint): Promise<bigint> {
    await manager.query(
      `INSERT INTO chain_nonces (chain_id, address, next_nonce) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [chainId, address, chainPending.toString()],
    );
    const rows: { next_nonce: string }[] = await manager.query(
      `SELECT next_nonce FROM chain_nonces WHERE chain_id = $1 AND address = $2 FOR UPDATE`,
      [chainId, address],
    );
    const stored = BigInt(rows[0]!.next_nonce);
    const start = stored > chainPending ? stored : chainPending;
    await manager.query(`UPDATE chain_nonces SET next_nonce = $3, updated_at = now() WHERE chain_id = $1 AND address = $2`, [
      chainId,
      address,
      (start + BigInt(count)).toString(),
    ]);
    return start;
  }
}
