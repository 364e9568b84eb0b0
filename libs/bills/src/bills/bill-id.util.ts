/** A bill's uuid as the bytes32 id of the BillRegistry (left-padded) and as its ERC-721 token id. */
export function billIdBytes32(uuid: string): string {
  const hex = uuid.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a uuid: ${uuid}`);
  return '0x' + hex.padStart(64, '0');
}

export function billTokenId(uuid: string): bigint {
  return BigInt(billIdBytes32(uuid));
}

export function uuidOfBillId(bytes32: string): string {
  const hex = bytes32.slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** bytes32 ids of financings and payments (DvP settles each id once). */
export const settlementIdBytes32 = billIdBytes32;

/** A 'YYYY-MM-DD' date as unix seconds at 00:00 UTC. */
export function dateToUnix(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000);
}
