import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { billTokenId, BillChainStatus, BillState, Encumbrance } from '#bills';

export interface FactoryBill {
  supplierOrgId: string;
  buyerOrgId: string;
  holderOrgId: string;
  faceAmountMinor: bigint;
  dueDate: string;
  currency?: string;
}

/**
 * Accepted, on-chain-looking bills written set-based straight into `bills` (one INSERT per
 * 5,000): for tests and benches of what happens after acceptance without waiting for the chain
 * (pooling touches no chain). Bills the chain must know are issued through the API instead.
 */
export async function insertAcceptedBills(sql: pg.Client | pg.Pool, bills: FactoryBill[]): Promise<string[]> {
  const ids: string[] = [];
  const today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < bills.length; i += 5_000) {
    const chunk = bills.slice(i, i + 5_000);
    const chunkIds = chunk.map(() => randomUUID());
    ids.push(...chunkIds);
    await sql.query(
      `INSERT INTO bills (id, supplier_org_id, buyer_org_id, holder_org_id, invoice_number, face_amount_minor, currency, issue_date, due_date,
                          state, encumbrance, fingerprint, chain_status, token_id, accepted_at, version)
       SELECT u.id, u.s, u.b, u.h, u.inv, u.f, u.c, $9::date, u.d, $10, $11, u.fp, $12, u.t, now(), 1
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::numeric[], $7::text[], $8::date[], $13::text[], $14::numeric[])
              AS u(id, s, b, h, inv, f, c, d, fp, t)`,
      [
        chunkIds,
        chunk.map((b) => b.supplierOrgId),
        chunk.map((b) => b.buyerOrgId),
        chunk.map((b) => b.holderOrgId),
        chunk.map(() => `F-${randomBytes(6).toString('hex')}`),
        chunk.map((b) => b.faceAmountMinor.toString()),
        chunk.map((b) => b.currency ?? 'EUR'),
        chunk.map((b) => b.dueDate),
        today,
        BillState.ACCEPTED,
        Encumbrance.NONE,
        BillChainStatus.ON_CHAIN,
        chunk.map(() => `0x${randomBytes(32).toString('hex')}`),
        chunkIds.map((id) => billTokenId(id).toString()),
      ],
    );
  }
  return ids;
}
