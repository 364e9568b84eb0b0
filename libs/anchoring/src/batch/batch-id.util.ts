/** The bytes32 batch id written on chain for a batch uuid: its 16 bytes, left-padded with zeros. */
export function chainBatchIdOf(batchUuid: string): string {
  const hex = batchUuid.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a uuid: ${batchUuid}`);
  return `0x${'0'.repeat(32)}${hex}`;
}

/** The batch uuid of an on-chain bytes32 batch id written by `chainBatchIdOf`, or null. */
export function batchUuidOf(chainBatchId: string): string | null {
  const m = /^0x0{32}([0-9a-fA-F]{32})$/.exec(chainBatchId);
  if (!m) return null;
  const h = m[1]!.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
