import { toBeHex, type Log } from 'ethers';
import { decodeBillDvPEvent, decodeBillRegistryEvent } from '#contracts';
import { uuidOfBillId } from '../bills/bill-id.util.js';

export type IndexedContract = 'BillRegistry' | 'BillDvP';

export interface DecodedChainEvent {
  contractName: IndexedContract;
  eventName: string;
  args: Record<string, unknown>;
  billIds: string[];
}

/** Decoded arguments as JSON: integers as decimal strings, arrays kept. */
export function jsonArgs(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return Array.from(value, jsonArgs);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonArgs(v)]));
  return value;
}

/** A bytes32 bill id as a Tally bill uuid; null for an id Tally did not mint (upper 16 bytes not zero). */
export function billUuidOf(id: string | bigint): string | null {
  const hex = typeof id === 'bigint' ? toBeHex(id, 32) : id.toLowerCase();
  return /^0x0{32}[0-9a-f]{32}$/.test(hex) ? uuidOfBillId(hex) : null;
}

/** The Tally bills an event touches. */
function billIdsOf(eventName: string, args: Record<string, unknown>): string[] {
  const ids: (string | bigint)[] = [];
  switch (eventName) {
    case 'Transfer':
      ids.push(args.tokenId as bigint);
      break;
    case 'BillSplit':
      ids.push(args.parentId as string, ...(args.childIds as string[]));
      break;
    case 'BillIssued':
    case 'BillAccepted':
    case 'EncumbranceChanged':
    case 'BillPaid':
    case 'BillCancelled':
    case 'FinancingSettled':
    case 'RepaymentSettled':
      ids.push(args.billId as string);
      break;
  }
  return [...new Set(ids.map(billUuidOf).filter((id): id is string => id !== null))];
}

/** Decodes a log of one of the indexed contracts; null for a log the ABI does not know. */
export function decodeChainEvent(contractName: IndexedContract, log: Pick<Log, 'topics' | 'data'>): DecodedChainEvent | null {
  const decoded = contractName === 'BillRegistry' ? decodeBillRegistryEvent(log) : decodeBillDvPEvent(log);
  if (!decoded) return null;
  const args = decoded.args as Record<string, unknown>;
  return { contractName, eventName: decoded.name, args: jsonArgs(args) as Record<string, unknown>, billIds: billIdsOf(decoded.name, args) };
}
