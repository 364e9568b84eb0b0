import { hasRole, OrgRole, type Principal } from '#core';
import { BillErrorCode, BillException } from '../bills.errors.js';

/**
 * The bill lifecycle, in one place: every state, every encumbrance, and for every action who may
 * take it, from which state and encumbrance, the request-time guard, and what its confirmation
 * writes. The services, the chain-job handlers, the aging scheduler and the reconciliation all
 * ask this file; none of them names a target state.
 *
 * The next issue's pool actions are rows here plus their handlers, nothing else:
 *   'add-to-pool' — by the holder, from ACCEPTED / NONE, confirmed: { encumbrance: POOLED };
 *   'true-sale'   — by the platform (system) for a POOLED bill, confirmed: { holder: 'recipient' } (the SPV);
 *   'release'     — by the system, from any live state / POOLED, confirmed: { encumbrance: NONE }.
 */

export enum BillState {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  ACCEPTED = 'ACCEPTED',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  DEFAULTED = 'DEFAULTED',
  CANCELLED = 'CANCELLED',
}

/** Financed, pledged or pooled: separate from the state (ARCHITECTURE.md). */
export enum Encumbrance {
  NONE = 'NONE',
  FINANCED = 'FINANCED',
  PLEDGED = 'PLEDGED',
  POOLED = 'POOLED',
}

/** Where the bill's token stands, as far as the outbox knows (the indexer reconciles with the chain). */
export enum BillChainStatus {
  NOT_ON_CHAIN = 'NOT_ON_CHAIN',
  PENDING = 'PENDING',
  ON_CHAIN = 'ON_CHAIN',
  BURNED = 'BURNED',
}

/** `IBillRegistry.BillStatus`, by its uint8 value (a union of names, as the chain reports them). */
export const ChainBillStatus = {
  NONE: 'NONE',
  ISSUED: 'ISSUED',
  ACCEPTED: 'ACCEPTED',
  PAID: 'PAID',
  CANCELLED: 'CANCELLED',
  SPLIT: 'SPLIT',
} as const;
export type ChainBillStatus = (typeof ChainBillStatus)[keyof typeof ChainBillStatus];
export const CHAIN_BILL_STATUSES: readonly ChainBillStatus[] = [
  ChainBillStatus.NONE,
  ChainBillStatus.ISSUED,
  ChainBillStatus.ACCEPTED,
  ChainBillStatus.PAID,
  ChainBillStatus.CANCELLED,
  ChainBillStatus.SPLIT,
];
/** `IBillRegistry.Encumbrance`, by its uint8 value (the same names as the database's). */
export const CHAIN_ENCUMBRANCES: readonly Encumbrance[] = [Encumbrance.NONE, Encumbrance.FINANCED, Encumbrance.PLEDGED, Encumbrance.POOLED];
/** Token statuses that still have an owner (and can move). */
export const LIVE_CHAIN_STATUSES: readonly ChainBillStatus[] = [ChainBillStatus.ISSUED, ChainBillStatus.ACCEPTED];

/**
 * How each database state shows on the BillRegistry. OVERDUE and DEFAULTED are off-chain stages
 * of an ACCEPTED bill; a DRAFT is not on chain.
 */
export const CHAIN_STATUS_OF_STATE: Readonly<Record<BillState, ChainBillStatus>> = {
  [BillState.DRAFT]: ChainBillStatus.NONE,
  [BillState.ISSUED]: ChainBillStatus.ISSUED,
  [BillState.ACCEPTED]: ChainBillStatus.ACCEPTED,
  [BillState.OVERDUE]: ChainBillStatus.ACCEPTED,
  [BillState.DEFAULTED]: ChainBillStatus.ACCEPTED,
  [BillState.PAID]: ChainBillStatus.PAID,
  [BillState.CANCELLED]: ChainBillStatus.CANCELLED,
};

/** The actions on a bill, by the names the API and `allowedActions` use. */
export const BILL_ACTIONS = [
  'issue',
  'accept',
  'reject',
  'cancel',
  'transfer',
  'split',
  'request-financing',
  'finance',
  'pay',
  'overdue',
  'default',
  'add-to-pool',
  'true-sale',
  'release',
] as const;
export type BillAction = (typeof BILL_ACTIONS)[number];

/**
 * Actions taken through a pool (libs/securitization), never on the bill's own endpoints: they are
 * rows of this table like the others, but not offered in a bill's `allowedActions`.
 */
export const POOL_ACTIONS: readonly BillAction[] = ['add-to-pool', 'true-sale', 'release'];

/** The chain job an action enqueues (`bills.<kind>`); `repay` is the DvP settling `pay`. */
export type BillJobKind = 'issue' | 'accept' | 'transfer' | 'split' | 'cancel' | 'finance' | 'repay';

/** The caller's position towards a bill. */
export enum BillParty {
  SUPPLIER = 'supplier',
  BUYER = 'buyer',
  HOLDER = 'holder',
}

/**
 * Who asks. An organization's user acts for its organization and must be its ORG_ADMIN;
 * `businessRoles` are the organization's roles (SUPPLIER, BUYER, FINANCIER, …) when known.
 * Platform staff (PLATFORM_ADMIN, KYC_OFFICER, AUDITOR) see every bill and act on none: their
 * organization is never a bill's party and they hold no ORG_ADMIN. `system` is the platform's own
 * schedules (aging, auto-debit).
 */
export type BillActor =
  | { kind: 'system' }
  | { kind: 'organization'; organizationId: string; orgAdmin: boolean; businessRoles?: readonly string[] };

/** A signed-in user as a bill actor: its organization, admin or not (the organization's business roles when given). */
export function actorOf(p: Principal, businessRoles?: readonly string[]): BillActor {
  return { kind: 'organization', organizationId: p.organizationId, orgAdmin: hasRole(p, OrgRole.ORG_ADMIN), ...(businessRoles ? { businessRoles } : {}) };
}

export const SYSTEM_ACTOR: BillActor = { kind: 'system' };

/** The bill fields the rules read. */
export interface BillFacts {
  state: BillState;
  encumbrance: Encumbrance;
  chainStatus: BillChainStatus;
  supplierOrgId: string;
  buyerOrgId: string;
  holderOrgId: string;
  dueDate: string;
  pendingAction: string | null;
  supersededAt: Date | null;
}

/** What the request-time guard needs besides the bill: today (UTC, `YYYY-MM-DD`) and the grace days before a default. */
export interface LifecycleClock {
  today: string;
  defaultGraceDays?: number;
}

/** Columns a confirmation writes. `holder: 'recipient'` takes the new holder from the job. */
export interface BillEffect {
  state?: BillState;
  encumbrance?: Encumbrance;
  chainStatus?: BillChainStatus;
  holder?: 'recipient';
  /** The bill is replaced by its parts. */
  superseded?: true;
  /** Stamps set to the confirmation time. */
  stamp?: 'acceptedAt' | 'paidAt';
  /** Record the action's reason as the cancel reason. */
  cancelReason?: true;
}

export interface BillActionRule {
  /** The parties the caller's organization must all be (its admin acting); empty: no user. */
  by: readonly BillParty[];
  /** The caller's organization must also have this business role. */
  businessRole?: string;
  /** The platform's schedules may take it (without a user). */
  system: boolean;
  from: readonly BillState[];
  encumbrances: readonly Encumbrance[];
  /** The token must be on chain (not pending, failed or burned). */
  onChain: boolean;
  /** Request-time guard on the due date. */
  due?: 'not-past' | 'not-yet-due' | 'past' | 'past-grace';
  /** Codes of a refusal (409): wrong state, wrong encumbrance. */
  wrongState: BillErrorCode;
  wrongEncumbrance: BillErrorCode;
  /** A more telling code for some wrong states. */
  wrongStateCodes?: Partial<Record<BillState, BillErrorCode>>;
  /** The chain job; none: the effect is written at once. */
  job: BillJobKind | null;
  /** Written with the request (the issued row exists before the chain confirms it). */
  requested?: BillEffect;
  /** Written when the chain confirms (or at once when there is no job). */
  confirmed: BillEffect;
  /** Written when the chain job fails for good. */
  failed?: BillEffect;
  /** Split only: the parts' rows, with the request, on confirmation, on failure. */
  parts?: { requested: BillEffect; confirmed: BillEffect; failed: BillEffect };
}

const ALL_ENCUMBRANCES: readonly Encumbrance[] = Object.values(Encumbrance);
const LIVE: readonly BillState[] = [BillState.ISSUED, BillState.ACCEPTED];
const T = BillErrorCode.BILL_TRANSITION_NOT_ALLOWED;

/** The bill table. Every refusal is 403 (wrong party) or 409 (state, encumbrance, chain, due date). */
export const BILL_LIFECYCLE: Readonly<Record<BillAction, BillActionRule>> = {
  issue: {
    by: [BillParty.SUPPLIER],
    businessRole: 'SUPPLIER',
    system: false,
    from: [BillState.DRAFT],
    encumbrances: [Encumbrance.NONE],
    onChain: false,
    wrongState: T,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: 'issue',
    requested: { state: BillState.ISSUED, encumbrance: Encumbrance.NONE, chainStatus: BillChainStatus.PENDING },
    confirmed: { chainStatus: BillChainStatus.ON_CHAIN },
    failed: { chainStatus: BillChainStatus.NOT_ON_CHAIN },
  },
  accept: {
    by: [BillParty.BUYER],
    system: false,
    from: [BillState.ISSUED],
    encumbrances: [Encumbrance.NONE],
    onChain: true,
    wrongState: T,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: 'accept',
    confirmed: { state: BillState.ACCEPTED, stamp: 'acceptedAt' },
  },
  // a buyer's rejection cancels the bill (on chain: `cancel`)
  reject: {
    by: [BillParty.BUYER],
    system: false,
    from: [BillState.ISSUED],
    encumbrances: [Encumbrance.NONE],
    onChain: true,
    wrongState: T,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: 'cancel',
    confirmed: { state: BillState.CANCELLED, chainStatus: BillChainStatus.BURNED, cancelReason: true },
  },
  // the supplier, while it still holds the bill
  cancel: {
    by: [BillParty.SUPPLIER, BillParty.HOLDER],
    system: false,
    from: [BillState.DRAFT, BillState.ISSUED],
    encumbrances: [Encumbrance.NONE],
    onChain: true,
    wrongState: T,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: 'cancel',
    confirmed: { state: BillState.CANCELLED, chainStatus: BillChainStatus.BURNED, cancelReason: true },
  },
  transfer: {
    by: [BillParty.HOLDER],
    system: false,
    from: LIVE,
    encumbrances: [Encumbrance.NONE],
    onChain: true,
    due: 'not-past',
    wrongState: T,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: 'transfer',
    confirmed: { holder: 'recipient' },
  },
  split: {
    by: [BillParty.HOLDER],
    system: false,
    from: LIVE,
    encumbrances: [Encumbrance.NONE],
    onChain: true,
    due: 'not-past',
    wrongState: T,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: 'split',
    confirmed: { superseded: true, chainStatus: BillChainStatus.BURNED },
    // the parts inherit the parent's state; a part whose split failed is a cancelled record of the attempt
    parts: {
      requested: { encumbrance: Encumbrance.NONE, chainStatus: BillChainStatus.PENDING },
      confirmed: { chainStatus: BillChainStatus.ON_CHAIN },
      failed: { state: BillState.CANCELLED, chainStatus: BillChainStatus.NOT_ON_CHAIN },
    },
  },
  // opens a financing request (financing-lifecycle.ts); the bill itself does not change
  'request-financing': {
    by: [BillParty.HOLDER],
    system: false,
    from: [BillState.ACCEPTED],
    encumbrances: [Encumbrance.NONE],
    onChain: true,
    due: 'not-yet-due',
    wrongState: BillErrorCode.BILL_NOT_ACCEPTED,
    wrongEncumbrance: BillErrorCode.BILL_ALREADY_FINANCED,
    job: null,
    confirmed: {},
  },
  // the holder accepts a financier's offer: one DvP sells the bill to the financier
  finance: {
    by: [BillParty.HOLDER],
    system: false,
    from: [BillState.ACCEPTED],
    encumbrances: [Encumbrance.NONE],
    onChain: true,
    due: 'not-yet-due',
    wrongState: BillErrorCode.BILL_NOT_ACCEPTED,
    wrongEncumbrance: BillErrorCode.BILL_ALREADY_FINANCED,
    job: 'finance',
    confirmed: { holder: 'recipient', encumbrance: Encumbrance.FINANCED },
  },
  // the obligor pays the face amount to whoever holds the bill (the financier repaid, if financed);
  // the DvP repayment is the `repay` job. The system pays on the due date when pre-authorised.
  pay: {
    by: [BillParty.BUYER],
    system: true,
    from: [BillState.ACCEPTED, BillState.OVERDUE],
    encumbrances: ALL_ENCUMBRANCES,
    onChain: true,
    wrongState: BillErrorCode.BILL_NOT_ACCEPTED,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    wrongStateCodes: { [BillState.PAID]: BillErrorCode.PAYMENT_ALREADY_MADE },
    job: 'repay',
    confirmed: { state: BillState.PAID, chainStatus: BillChainStatus.BURNED, stamp: 'paidAt' },
  },
  overdue: {
    by: [],
    system: true,
    from: [BillState.ACCEPTED],
    encumbrances: ALL_ENCUMBRANCES,
    onChain: false,
    due: 'past',
    wrongState: T,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: null,
    confirmed: { state: BillState.OVERDUE },
  },
  default: {
    by: [],
    system: true,
    from: [BillState.OVERDUE],
    encumbrances: ALL_ENCUMBRANCES,
    onChain: false,
    due: 'past-grace',
    wrongState: T,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: null,
    confirmed: { state: BillState.DEFAULTED },
  },
  // the originator holding the bill puts it in one of its pools: no chain job (the on-chain
  // encumbrance comes with the true sale into the SPV vault); from then on nothing else moves it
  'add-to-pool': {
    by: [BillParty.HOLDER],
    system: false,
    from: [BillState.ACCEPTED],
    encumbrances: [Encumbrance.NONE],
    onChain: true,
    due: 'not-yet-due',
    wrongState: BillErrorCode.BILL_NOT_ACCEPTED,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: null,
    confirmed: { encumbrance: Encumbrance.POOLED },
  },
  // closing: the platform moves the pooled bill to the deal's SPV vault (a securitization job)
  'true-sale': {
    by: [],
    system: true,
    from: [BillState.ACCEPTED],
    encumbrances: [Encumbrance.POOLED],
    onChain: true,
    wrongState: BillErrorCode.BILL_NOT_ACCEPTED,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: null,
    confirmed: { holder: 'recipient' },
  },
  // a pooled bill leaves its pool before the true sale (or the pool is dropped)
  release: {
    by: [],
    system: true,
    from: [BillState.ISSUED, BillState.ACCEPTED, BillState.OVERDUE, BillState.DEFAULTED],
    encumbrances: [Encumbrance.POOLED],
    onChain: false,
    wrongState: T,
    wrongEncumbrance: BillErrorCode.BILL_ENCUMBERED,
    job: null,
    confirmed: { encumbrance: Encumbrance.NONE },
  },
};

/** The bill an issue turns into a registered one: a draft of its supplier, held by it. */
export function draftBill(parties: { supplierOrgId: string; buyerOrgId: string; dueDate: string }): BillFacts {
  return { ...parties, holderOrgId: parties.supplierOrgId, state: BillState.DRAFT, encumbrance: Encumbrance.NONE, chainStatus: BillChainStatus.NOT_ON_CHAIN, pendingAction: null, supersededAt: null };
}

/** Financed, pledged or pooled. */
export function isEncumbered(bill: Pick<BillFacts, 'encumbrance'>): boolean {
  return bill.encumbrance !== Encumbrance.NONE;
}

/** Today as the rules count due dates: the UTC calendar day. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `date` minus `days`, as `YYYY-MM-DD`. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The parties the actor is to the bill. */
export function partiesOf(bill: Pick<BillFacts, 'supplierOrgId' | 'buyerOrgId' | 'holderOrgId'>, actor: BillActor): BillParty[] {
  if (actor.kind !== 'organization') return [];
  const out: BillParty[] = [];
  if (bill.supplierOrgId === actor.organizationId) out.push(BillParty.SUPPLIER);
  if (bill.buyerOrgId === actor.organizationId) out.push(BillParty.BUYER);
  if (bill.holderOrgId === actor.organizationId) out.push(BillParty.HOLDER);
  return out;
}

const PARTY_MESSAGE: Record<BillAction, string> = {
  issue: 'Only a supplier organization issues bills',
  accept: 'Only the buyer (obligor) accepts a bill',
  reject: 'Only the buyer rejects a bill',
  cancel: 'Only the supplier cancels its bill',
  transfer: 'Only the holder of the bill may do this',
  split: 'Only the holder of the bill may do this',
  'request-financing': 'Only the holder of the bill may do this',
  finance: 'Only the holder of the bill may do this',
  pay: 'Only the obligor pays the bill',
  overdue: 'Only the platform ages bills',
  default: 'Only the platform ages bills',
  'add-to-pool': 'Only the holder of the bill may pool it',
  'true-sale': 'Only the platform sells pooled bills to the SPV',
  release: 'Only the platform releases bills from a pool',
};

/** The refusal of the actor itself (403), or null. Checked before anything about the bill. */
function actorRefusal(action: BillAction, actor: BillActor): BillException | null {
  const rule = BILL_LIFECYCLE[action];
  if (actor.kind === 'system') return rule.system ? null : new BillException(BillErrorCode.BILL_WRONG_PARTY, `The platform does not ${action} bills`);
  if (rule.by.length === 0) return new BillException(BillErrorCode.BILL_WRONG_PARTY, PARTY_MESSAGE[action]);
  if (!actor.orgAdmin) return new BillException(BillErrorCode.BILL_WRONG_PARTY, 'Only an organization admin acts on bills');
  if (rule.businessRole && actor.businessRoles && !actor.businessRoles.includes(rule.businessRole)) {
    return new BillException(BillErrorCode.BILL_WRONG_PARTY, PARTY_MESSAGE[action]);
  }
  return null;
}

/** 403 unless the actor may take this action at all (an organization admin, or the system where allowed). */
export function assertActor(action: BillAction, actor: BillActor): void {
  const refusal = actorRefusal(action, actor);
  if (refusal) throw refusal;
}

/** 403 unless an organization admin asks (for steps on the financing rows: a financier's offer). */
export function assertOrganizationAdmin(actor: BillActor): void {
  if (actor.kind !== 'organization' || !actor.orgAdmin) throw new BillException(BillErrorCode.BILL_WRONG_PARTY, 'Only an organization admin acts on bills');
}

function dueRefusal(rule: BillActionRule, bill: BillFacts, clock: LifecycleClock): BillException | null {
  switch (rule.due) {
    case undefined:
      return null;
    case 'not-past':
      return bill.dueDate < clock.today ? new BillException(BillErrorCode.BILL_OVERDUE, 'The bill is past its due date') : null;
    case 'not-yet-due':
      return bill.dueDate <= clock.today ? new BillException(BillErrorCode.BILL_OVERDUE, 'The bill is due: nothing left to finance') : null;
    case 'past':
      return bill.dueDate < clock.today ? null : new BillException(T, 'The bill is not past its due date');
    case 'past-grace':
      return bill.dueDate < daysBefore(clock.today, clock.defaultGraceDays ?? 0) ? null : new BillException(T, 'The bill is still within its grace days');
  }
}

/** 409 while the bill is split or an action of it is settling on chain. */
function inFlightRefusal(bill: BillFacts): BillException | null {
  if (bill.supersededAt) return new BillException(T, 'The bill was split; act on its parts');
  if (bill.pendingAction) return new BillException(BillErrorCode.BILL_CHAIN_PENDING, `The bill's ${bill.pendingAction} is still being settled on chain; try again shortly`);
  return null;
}

/** 403 unless the actor's organization is every party the action needs. */
function partyRefusal(action: BillAction, bill: BillFacts, actor: BillActor): BillException | null {
  if (actor.kind !== 'organization') return null;
  const rule = BILL_LIFECYCLE[action];
  const parties = partiesOf(bill, actor);
  const missing = rule.by.filter((party) => !parties.includes(party));
  if (!missing.length) return null;
  // a supplier that endorsed its bill is told why; anyone else is the wrong party
  if (missing.every((party) => party === BillParty.HOLDER)) {
    return new BillException(BillErrorCode.BILL_NOT_HOLDER, rule.by.length > 1 ? 'The bill was endorsed: only its holder could act on it' : PARTY_MESSAGE[action]);
  }
  return new BillException(BillErrorCode.BILL_WRONG_PARTY, PARTY_MESSAGE[action]);
}

/** 409 unless the bill's state, encumbrance, chain status and due date allow the action (whoever asks). */
function stateRefusal(action: BillAction, bill: BillFacts, clock: LifecycleClock): BillException | null {
  const rule = BILL_LIFECYCLE[action];
  if (!rule.from.includes(bill.state)) {
    const code = rule.wrongStateCodes?.[bill.state] ?? rule.wrongState;
    return new BillException(code, `Cannot ${action} a bill in state ${bill.state} (allowed from ${rule.from.join(', ')})`, { action, from: bill.state });
  }
  if (!rule.encumbrances.includes(bill.encumbrance)) {
    return new BillException(rule.wrongEncumbrance, `The bill is ${bill.encumbrance.toLowerCase()}`, { action, encumbrance: bill.encumbrance });
  }
  if (rule.onChain && bill.chainStatus !== BillChainStatus.ON_CHAIN) {
    return new BillException(BillErrorCode.BILL_CHAIN_PENDING, 'The bill is not on chain yet; try again shortly');
  }
  return dueRefusal(rule, bill, clock);
}

/** The first refusal of the action on this bill by this actor, in the order the API answers; null when allowed. */
export function refusalOf(action: BillAction, bill: BillFacts, actor: BillActor, clock: LifecycleClock): BillException | null {
  return actorRefusal(action, actor) ?? inFlightRefusal(bill) ?? partyRefusal(action, bill, actor) ?? stateRefusal(action, bill, clock);
}

/**
 * 409 unless the bill's position allows the action, whoever asks: for a third party's step on the
 * bill (a financier's offer needs a bill its holder could finance).
 */
export function assertBillAllows(action: BillAction, bill: BillFacts, clock: LifecycleClock = { today: todayUtc() }): void {
  const refusal = stateRefusal(action, bill, clock);
  if (refusal) throw refusal;
}

/** Throws the bills lib's coded error (403 wrong party, 409 state/encumbrance/chain/due) unless allowed. 404 (visibility) is the service's. */
export function assertAllowed(action: BillAction, bill: BillFacts, actor: BillActor, clock: LifecycleClock = { today: todayUtc() }): void {
  const refusal = refusalOf(action, bill, actor, clock);
  if (refusal) throw refusal;
}

/** The actions a user may request now (`allowedActions` of a bill read): pure, no query. */
export function allowedActions(bill: BillFacts, actor: BillActor, clock: LifecycleClock = { today: todayUtc() }): BillAction[] {
  if (actor.kind !== 'organization') return [];
  return BILL_ACTIONS.filter(
    (action) => action !== 'issue' && !POOL_ACTIONS.includes(action) && BILL_LIFECYCLE[action].by.length > 0 && refusalOf(action, bill, actor, clock) === null,
  );
}

/** The action's rule (its guard and effects). */
export function ruleOf(action: BillAction): BillActionRule {
  return BILL_LIFECYCLE[action];
}

/** What the action's confirmation writes. */
export function effectOf(action: BillAction): BillEffect {
  return BILL_LIFECYCLE[action].confirmed;
}

/** The states a system action picks up (for the schedules' queries, bound as parameters). */
export function fromStates(action: BillAction): BillState[] {
  return [...BILL_LIFECYCLE[action].from];
}

/** Columns of the bill row an effect writes, at `now`; `recipient` is the new holder, `reason` the cancel reason. */
export interface BillColumns {
  state?: BillState;
  encumbrance?: Encumbrance;
  chainStatus?: BillChainStatus;
  holderOrgId?: string;
  supersededAt?: Date;
  acceptedAt?: Date;
  paidAt?: Date;
  cancelReason?: string;
}

export function columnsOf(effect: BillEffect, ctx: { now?: Date; recipient?: string; reason?: string } = {}): BillColumns {
  const now = ctx.now ?? new Date();
  const out: BillColumns = {};
  if (effect.state) out.state = effect.state;
  if (effect.encumbrance) out.encumbrance = effect.encumbrance;
  if (effect.chainStatus) out.chainStatus = effect.chainStatus;
  if (effect.holder === 'recipient') {
    if (!ctx.recipient) throw new Error('the effect moves the bill: a recipient is required');
    out.holderOrgId = ctx.recipient;
  }
  if (effect.superseded) out.supersededAt = now;
  if (effect.stamp) out[effect.stamp] = now;
  if (effect.cancelReason && ctx.reason !== undefined) out.cancelReason = ctx.reason;
  return out;
}

/** The columns the action's confirmation writes (see `columnsOf`). */
export function applyConfirmed(action: BillAction, ctx: { now?: Date; recipient?: string; reason?: string } = {}): BillColumns {
  return columnsOf(effectOf(action), ctx);
}

/** The columns a failed chain job writes (the state does not move; some rows record the failure). */
export function applyFailed(action: BillAction): BillColumns {
  return columnsOf(BILL_LIFECYCLE[action].failed ?? {});
}

/** The rule of the action whose confirmation is the chain job `kind`. */
export function actionOfJob(kind: BillJobKind): BillAction {
  const action = BILL_ACTIONS.find((a) => BILL_LIFECYCLE[a].job === kind);
  if (!action) throw new Error(`no bill action enqueues ${kind}`);
  return action;
}

// ---- the chain's view ---------------------------------------------------------------------------

/**
 * The on-chain status a database row stands for: a row not (yet) on chain is NONE, a split bill
 * (superseded) is SPLIT, otherwise its state's status.
 */
export function expectedChainStatus(bill: Pick<BillFacts, 'state' | 'chainStatus' | 'supersededAt'>): ChainBillStatus {
  if (bill.chainStatus === BillChainStatus.NOT_ON_CHAIN || bill.chainStatus === BillChainStatus.PENDING) return ChainBillStatus.NONE;
  if (bill.supersededAt) return ChainBillStatus.SPLIT;
  return CHAIN_STATUS_OF_STATE[bill.state];
}

/** The row's chain status for a token status: live tokens are on chain, the rest burned. */
export function chainStatusOf(status: ChainBillStatus): BillChainStatus {
  if (status === ChainBillStatus.NONE) return BillChainStatus.NOT_ON_CHAIN;
  return LIVE_CHAIN_STATUSES.includes(status) ? BillChainStatus.ON_CHAIN : BillChainStatus.BURNED;
}

/**
 * What a row must become for its token's status, by the same effects as the actions that lead
 * there (for the reconciliation's repair): the columns, plus which stamps to keep or clear.
 */
export type RepairColumns = Omit<BillColumns, 'supersededAt' | 'acceptedAt' | 'paidAt' | 'cancelReason'> & {
  supersededAt?: Date | null;
  acceptedAt?: Date | null;
  paidAt?: Date | null;
  cancelReason?: string | null;
};

export function repairTargetOf(
  bill: Pick<BillFacts, 'state' | 'chainStatus' | 'supersededAt'> & { parentBillId: string | null; acceptedAt: Date | null; paidAt: Date | null; cancelReason: string | null },
  status: ChainBillStatus,
  now: Date,
): RepairColumns {
  switch (status) {
    case ChainBillStatus.NONE: {
      const target: RepairColumns = { chainStatus: BillChainStatus.NOT_ON_CHAIN };
      // a split part that does not exist on chain is a cancelled record, as when its split fails
      const failedPart = BILL_LIFECYCLE.split.parts!.failed;
      if (bill.parentBillId && bill.state !== failedPart.state) Object.assign(target, { state: failedPart.state, cancelReason: 'not on chain' });
      return target;
    }
    case ChainBillStatus.ISSUED:
      return { chainStatus: BillChainStatus.ON_CHAIN, supersededAt: null, state: BillState.ISSUED, acceptedAt: null, paidAt: null, cancelReason: null };
    case ChainBillStatus.ACCEPTED: {
      const target: RepairColumns = { chainStatus: BillChainStatus.ON_CHAIN, supersededAt: null, paidAt: null, cancelReason: null };
      // OVERDUE and DEFAULTED are ACCEPTED on chain: kept; anything else follows the acceptance
      if (CHAIN_STATUS_OF_STATE[bill.state] !== ChainBillStatus.ACCEPTED) Object.assign(target, { ...applyConfirmed('accept', { now }), acceptedAt: bill.acceptedAt ?? now });
      return target;
    }
    case ChainBillStatus.PAID:
      return { ...applyConfirmed('pay', { now }), paidAt: bill.paidAt ?? now };
    case ChainBillStatus.CANCELLED:
      return { ...applyConfirmed('cancel', { now, reason: bill.cancelReason ?? 'cancelled on chain' }) };
    case ChainBillStatus.SPLIT:
      return { ...applyConfirmed('split', { now }), supersededAt: bill.supersededAt ?? now };
  }
}

/** Kept for callers of the former `bill-state.ts`: the state an action leads to, or 409. */
export function nextBillState(current: BillState, action: BillAction): BillState {
  const rule = BILL_LIFECYCLE[action];
  if (!rule.from.includes(current)) {
    throw new BillException(rule.wrongState, `Cannot ${action} a bill in state ${current} (allowed from ${rule.from.join(', ')})`, { action, from: current });
  }
  return rule.requested?.state ?? rule.confirmed.state ?? current;
}
