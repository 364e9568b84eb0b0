import { BillChainStatus, type BillEntity } from '../bills/bill.entity.js';
import { dateToUnix } from '../bills/bill-id.util.js';
import { BillState, Encumbrance } from '../bills/bill-state.js';

/** `IBillRegistry.BillStatus`, by its uint8 value. */
export const CHAIN_BILL_STATUSES = ['NONE', 'ISSUED', 'ACCEPTED', 'PAID', 'CANCELLED', 'SPLIT'] as const;
export type ChainBillStatus = (typeof CHAIN_BILL_STATUSES)[number];

/** `IBillRegistry.Encumbrance`, by its uint8 value (the same names as the database's). */
export const CHAIN_ENCUMBRANCES: readonly Encumbrance[] = [Encumbrance.NONE, Encumbrance.FINANCED, Encumbrance.PLEDGED, Encumbrance.POOLED];

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

const LIVE: readonly ChainBillStatus[] = ['ISSUED', 'ACCEPTED'];

/**
 * The on-chain status the database row stands for. OVERDUE and DEFAULTED are off-chain stages of
 * an ACCEPTED bill; a split bill (superseded) is SPLIT; a DRAFT, a bill whose issue never reached
 * the chain and a split part whose split failed are NONE.
 */
export function expectedChainStatus(bill: Pick<BillEntity, 'state' | 'chainStatus' | 'supersededAt'>): ChainBillStatus {
  if (bill.chainStatus === BillChainStatus.NOT_ON_CHAIN || bill.chainStatus === BillChainStatus.PENDING) return 'NONE';
  if (bill.supersededAt) return 'SPLIT';
  switch (bill.state) {
    case BillState.DRAFT:
      return 'NONE';
    case BillState.ISSUED:
      return 'ISSUED';
    case BillState.ACCEPTED:
    case BillState.OVERDUE:
    case BillState.DEFAULTED:
      return 'ACCEPTED';
    case BillState.PAID:
      return 'PAID';
    case BillState.CANCELLED:
      return 'CANCELLED';
  }
}

function chainStatusOf(status: ChainBillStatus): BillChainStatus {
  if (status === 'NONE') return BillChainStatus.NOT_ON_CHAIN;
  return LIVE.includes(status) ? BillChainStatus.ON_CHAIN : BillChainStatus.BURNED;
}

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
  if (chain.status === 'NONE') {
    if (expected !== 'NONE') out.push({ field: 'exists', database: describeStatus(bill), chain: 'no such bill' });
    return out;
  }
  if (expected === 'NONE') out.push({ field: 'exists', database: describeStatus(bill), chain: chain.status });
  else if (expected !== chain.status) out.push({ field: 'status', database: describeStatus(bill), chain: chain.status });
  const chainStatus = chainStatusOf(chain.status);
  if (expected !== 'NONE' && bill.chainStatus !== chainStatus)
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
  const target: BillRepair = {};
  switch (chain.status) {
    case 'NONE':
      target.chainStatus = BillChainStatus.NOT_ON_CHAIN;
      // a split part that does not exist on chain is a cancelled record, as when its split fails
      if (bill.parentBillId && bill.state !== BillState.CANCELLED)
        Object.assign(target, { state: BillState.CANCELLED, cancelReason: 'not on chain' });
      break;
    case 'ISSUED':
      Object.assign(target, {
        chainStatus: BillChainStatus.ON_CHAIN,
        supersededAt: null,
        state: BillState.ISSUED,
        acceptedAt: null,
        paidAt: null,
        cancelReason: null,
      });
      break;
    case 'ACCEPTED':
      Object.assign(target, { chainStatus: BillChainStatus.ON_CHAIN, supersededAt: null, paidAt: null, cancelReason: null });
      if (expectedChainStatus({ ...bill, chainStatus: BillChainStatus.ON_CHAIN, supersededAt: null }) !== 'ACCEPTED') {
        Object.assign(target, { state: BillState.ACCEPTED, acceptedAt: bill.acceptedAt ?? now });
      }
      break;
    case 'PAID':
      Object.assign(target, { chainStatus: BillChainStatus.BURNED, state: BillState.PAID, paidAt: bill.paidAt ?? now });
      break;
    case 'CANCELLED':
      Object.assign(target, {
        chainStatus: BillChainStatus.BURNED,
        state: BillState.CANCELLED,
        cancelReason: bill.cancelReason ?? 'cancelled on chain',
      });
      break;
    case 'SPLIT':
      Object.assign(target, { chainStatus: BillChainStatus.BURNED, supersededAt: bill.supersededAt ?? now });
      break;
  }
  if (chain.status !== 'NONE') target.encumbrance = chain.encumbrance;
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
