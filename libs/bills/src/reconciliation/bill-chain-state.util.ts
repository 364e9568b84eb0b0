import type { BillEntity } from '../bills/bill.entity.js';
import { dateToUnix } from '../bills/bill-id.util.js';
import {
  CHAIN_BILL_STATUSES,
  CHAIN_ENCUMBRANCES,
  ChainBillStatus,
  chainStatusOf,
  expectedChainStatus,
  LIVE_CHAIN_STATUSES,
  repairTargetOf,
  type Encumbrance,
} from '../lifecycle/bill-lifecycle.js';

// the chain's vocabulary and the state ↔ token status mapping live in the lifecycle table
export { CHAIN_BILL_STATUSES, CHAIN_ENCUMBRANCES, ChainBillStatus, expectedChainStatus };

/** `billOf(billId)` of the BillRegistry, decoded. */
export interface ChainBill {
  status: ChainBillStatus;
  encumbrance: Encumbrance;
  /** The ERC-721 owner; null when the token is burned or was never minted. */
  holder: string | null;
  amountMinor: bigint;
  /** ISO 4217 code ('' when the bill does not exist). */
  currency: string;
  dueDateUnix: number;
  fingerprint: string;
  /** bytes32 id of the parent of a split part; null for an issued bill. */
  parent: string | null;
}

/** One field on which the database and the chain disagree, both sides as text. */
export interface FieldDifference {
  field: 'exists' | 'status' | 'chainStatus' | 'holder' | 'encumbrance' | 'amount' | 'currency' | 'dueDate' | 'fingerprint';
  database: string | null;
  chain: string | null;
}

/** Which organization a wallet belongs to (`wallets.address` ↔ `wallets.organization_id`). */
export interface WalletLookup {
  organizationOf(address: string): string | null;
  walletsOf(organizationId: string): string[];
}

/** Bill fields the indexer may set from the chain (the chain is the truth for these). */
export type BillRepair = Partial<
  Pick<BillEntity, 'state' | 'chainStatus' | 'holderOrgId' | 'encumbrance' | 'supersededAt' | 'acceptedAt' | 'paidAt' | 'cancelReason'>
>;

const LIVE = LIVE_CHAIN_STATUSES;

function describeStatus(bill: Pick<BillEntity, 'state' | 'chainStatus' | 'supersededAt'>): string {
  return `${bill.state}${bill.supersededAt ? ' (split)' : ''}, ${bill.chainStatus}`;
}

function describeHolder(orgId: string | null, wallets: WalletLookup): string {
  if (!orgId) return 'none';
  const addresses = wallets.walletsOf(orgId);
  return `${orgId} (${addresses.length ? addresses.join(', ') : 'no wallet'})`;
}

/**
 * Every difference between a bill's row and its token. Holder is compared for live tokens only
 * (a burned token has no owner; the row keeps its last holder).
 */
export function billDifferences(bill: BillEntity, chain: ChainBill, wallets: WalletLookup): FieldDifference[] {
  const out: FieldDifference[] = [];
  const expected = expectedChainStatus(bill);
  if (chain.status === ChainBillStatus.NONE) {
    if (expected !== ChainBillStatus.NONE) out.push({ field: 'exists', database: describeStatus(bill), chain: 'no such bill' });
    return out;
  }
  if (expected === ChainBillStatus.NONE) out.push({ field: 'exists', database: describeStatus(bill), chain: chain.status });
  else if (expected !== chain.status) out.push({ field: 'status', database: describeStatus(bill), chain: chain.status });
  const chainStatus = chainStatusOf(chain.status);
  if (expected !== ChainBillStatus.NONE && bill.chainStatus !== chainStatus)
    out.push({ field: 'chainStatus', database: bill.chainStatus, chain: chainStatus });
  if (LIVE.includes(chain.status) && chain.holder) {
    const org = wallets.organizationOf(chain.holder);
    if (org !== bill.holderOrgId) {
      out.push({
        field: 'holder',
        database: describeHolder(bill.holderOrgId, wallets),
        chain: `${chain.holder} (${org ? `organization ${org}` : 'no known organization'})`,
      });
    }
  }
  if (chain.encumbrance !== bill.encumbrance) out.push({ field: 'encumbrance', database: bill.encumbrance, chain: chain.encumbrance });
  if (chain.amountMinor !== bill.faceAmountMinor)
    out.push({ field: 'amount', database: bill.faceAmountMinor.toString(), chain: chain.amountMinor.toString() });
  if (chain.currency !== bill.currency) out.push({ field: 'currency', database: bill.currency, chain: chain.currency });
  if (chain.dueDateUnix !== dateToUnix(bill.dueDate)) {
    out.push({ field: 'dueDate', database: bill.dueDate, chain: new Date(chain.dueDateUnix * 1000).toISOString().slice(0, 10) });
  }
  if (chain.fingerprint.toLowerCase() !== bill.fingerprint.toLowerCase())
    out.push({ field: 'fingerprint', database: bill.fingerprint, chain: chain.fingerprint });
  return out;
}

/**
 * What to write so that the row follows its token: holder (when the wallet is known), lifecycle
 * status and encumbrance. Terms (amount, currency, due date, fingerprint) are never rewritten: a
 * difference there means the row and the token are different receivables, for a person to look at.
 * Returns only the fields that change.
 */
export function billRepair(bill: BillEntity, chain: ChainBill, wallets: WalletLookup, now = new Date()): BillRepair {
  // the same effects as the actions that lead the token there (the lifecycle table)
  const target: BillRepair = repairTargetOf(bill, chain.status, now);
  if (chain.status !== ChainBillStatus.NONE) target.encumbrance = chain.encumbrance;
  if (LIVE.includes(chain.status) && chain.holder) {
    const org = wallets.organizationOf(chain.holder);
    if (org) target.holderOrgId = org;
  }
  const changes: BillRepair = {};
  for (const [key, value] of Object.entries(target) as [keyof BillRepair, BillRepair[keyof BillRepair]][]) {
    const current = bill[key];
    const same = current instanceof Date || value instanceof Date ? (current === null) === (value === null) : current === value;
    if (!same) (changes as Record<string, unknown>)[key] = value;
  }
  return changes;
}
