import { ClosingState, ClosingStepState } from './closing.entity.js';

/** Outbox job kinds of a closing (one handler each, closing-jobs.handlers.ts). */
export const CLOSING_JOB = {
  DEPLOY: 'securitization.closing.deploy',
  SETUP: 'securitization.closing.setup',
  TRUE_SALE: 'securitization.closing.true-sale',
  DVP: 'securitization.closing.dvp',
  PROCEEDS: 'securitization.closing.proceeds',
} as const;
export type ClosingJobKind = (typeof CLOSING_JOB)[keyof typeof CLOSING_JOB];

/** Bills per `SpvVault.trueSaleBatch` transaction. */
export const TRUE_SALE_BATCH = 100;

/** Which contract a setup call goes to, and who receives a role. */
export type ContractRef = { kind: 'registry' } | { kind: 'vault' } | { kind: 'dvp' } | { kind: 'token'; className: string };
/** `operator`: the bill operator's key (the deal contracts' agent; the name is kept, it is stored in steps' specs). */
export type Grantee = 'operator' | 'vault' | 'dvp';

/** What one step does on chain; stored as the step's `spec`. */
export type StepSpec =
  | { op: 'deploy-vault' }
  | { op: 'deploy-dvp' }
  | { op: 'deploy-token'; className: string }
  | { op: 'grant'; target: ContractRef; role: 'AGENT_ROLE' | 'MINTER_ROLE'; to: Grantee }
  | { op: 'register-vault'; country: string; expiresAt: number }
  | { op: 'set-tranche'; className: string }
  | { op: 'eligible'; className: string; wallets: string[] }
  | { op: 'true-sale'; batch: number; billIds: string[] }
  | { op: 'dvp'; orderId: string; className: string; investorOrgId: string; investor: string; notesMinor: string; paymentMinor: string }
  | { op: 'proceeds'; to: string; amountMinor: string };

export interface PlannedStep {
  key: string;
  kind: ClosingJobKind;
  dependsOn: string[];
  spec: StepSpec;
  billCount: number;
}

export interface ClosingPlanInput {
  tranches: string[];
  /** The pool's bills (uuids) in the order the vault wants them: ascending bytes32 id. */
  billIds: string[];
  /** One per allocation above zero. */
  allocations: { orderId: string; className: string; investorOrgId: string; investor: string; amountMinor: bigint }[];
  originatorWallet: string;
  proceedsMinor: bigint;
  /** The vault's entry in the IdentityRegistry (settlement tokens and bills move only between verified wallets). */
  vaultIdentity: { country: string; expiresAt: number };
}

/**
 * The closing as a dependency graph of single-transaction steps: contracts (vault, DvP, one token
 * per tranche) and their roles, then the true sale in batches, then one DvP per allocation (an
 * investor's DvPs one after another: each carries an EIP-2612 permit with the investor's next
 * token nonce), then the originator's proceeds. A step is sent once every step it depends on is
 * DONE; steps with no dependency are sent at the request.
 */
export function planClosing(input: ClosingPlanInput): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const add = (key: string, kind: ClosingJobKind, dependsOn: string[], spec: StepSpec, billCount = 0) =>
    steps.push({ key, kind, dependsOn, spec, billCount });

  add('deploy-vault', CLOSING_JOB.DEPLOY, [], { op: 'deploy-vault' });
  add('deploy-dvp', CLOSING_JOB.DEPLOY, ['deploy-vault'], { op: 'deploy-dvp' });
  // the vault moves bills as an agent of the registry; the operator acts as the vault's and DvP's agent
  add('register-vault', CLOSING_JOB.SETUP, ['deploy-vault'], { op: 'register-vault', ...input.vaultIdentity });
  add('grant:registry-agent:vault', CLOSING_JOB.SETUP, ['deploy-vault'], { op: 'grant', target: { kind: 'registry' }, role: 'AGENT_ROLE', to: 'vault' });
  add('grant:vault-agent:operator', CLOSING_JOB.SETUP, ['deploy-vault'], { op: 'grant', target: { kind: 'vault' }, role: 'AGENT_ROLE', to: 'operator' });
  add('grant:dvp-agent:operator', CLOSING_JOB.SETUP, ['deploy-dvp'], { op: 'grant', target: { kind: 'dvp' }, role: 'AGENT_ROLE', to: 'operator' });
  const tokenReady = new Map<string, string[]>();
  for (const c of input.tranches) {
    const token = { kind: 'token', className: c } as const;
    add(`deploy-token:${c}`, CLOSING_JOB.DEPLOY, [], { op: 'deploy-token', className: c });
    add(`grant:token-agent:${c}`, CLOSING_JOB.SETUP, [`deploy-token:${c}`], { op: 'grant', target: token, role: 'AGENT_ROLE', to: 'operator' });
    add(`grant:token-minter:${c}`, CLOSING_JOB.SETUP, [`deploy-token:${c}`, 'deploy-dvp'], { op: 'grant', target: token, role: 'MINTER_ROLE', to: 'dvp' });
    add(`set-tranche:${c}`, CLOSING_JOB.SETUP, [`deploy-token:${c}`, 'deploy-dvp'], { op: 'set-tranche', className: c });
    const ready = [`grant:token-minter:${c}`, `set-tranche:${c}`];
    const wallets = [...new Set(input.allocations.filter((a) => a.className === c).map((a) => a.investor))].sort();
    if (wallets.length) {
      add(`eligible:${c}`, CLOSING_JOB.SETUP, [`grant:token-agent:${c}`], { op: 'eligible', className: c, wallets });
      ready.push(`eligible:${c}`);
    }
    tokenReady.set(c, ready);
  }
  const sales: string[] = [];
  for (let i = 0, batch = 0; i < input.billIds.length; i += TRUE_SALE_BATCH, batch++) {
    const billIds = input.billIds.slice(i, i + TRUE_SALE_BATCH);
    const key = `true-sale:${batch}`;
    add(key, CLOSING_JOB.TRUE_SALE, ['register-vault', 'grant:registry-agent:vault', 'grant:vault-agent:operator'], { op: 'true-sale', batch, billIds }, billIds.length);
    sales.push(key);
  }
  // notes are issued against assets already in the vault: every DvP waits for the whole true sale
  const lastOf = new Map<string, string>();
  const dvps: string[] = [];
  for (const a of input.allocations) {
    const key = `dvp:${a.orderId}`;
    const previous = lastOf.get(a.investorOrgId);
    add(key, CLOSING_JOB.DVP, [...sales, 'grant:dvp-agent:operator', ...tokenReady.get(a.className)!, ...(previous ? [previous] : [])], {
      op: 'dvp',
      orderId: a.orderId,
      className: a.className,
      investorOrgId: a.investorOrgId,
      investor: a.investor,
      notesMinor: a.amountMinor.toString(),
      paymentMinor: a.amountMinor.toString(),
    });
    lastOf.set(a.investorOrgId, key);
    dvps.push(key);
  }
  add('proceeds', CLOSING_JOB.PROCEEDS, [...sales, ...dvps], { op: 'proceeds', to: input.originatorWallet, amountMinor: input.proceedsMinor.toString() });
  return steps;
}

/** The steps that may be sent now: PLANNED, every dependency DONE. */
export function readySteps<T extends { key: string; state: ClosingStepState; dependsOn: string[] }>(steps: T[]): T[] {
  const done = new Set(steps.filter((s) => s.state === ClosingStepState.DONE).map((s) => s.key));
  return steps.filter((s) => s.state === ClosingStepState.PLANNED && s.dependsOn.every((d) => done.has(d)));
}

/** The one table of the closing's moves. */
export const CLOSING_TRANSITIONS: Record<ClosingState, readonly ClosingState[]> = {
  [ClosingState.REQUESTED]: [ClosingState.ASSETS_SOLD, ClosingState.FAILED],
  [ClosingState.ASSETS_SOLD]: [ClosingState.NOTES_ISSUED, ClosingState.FAILED],
  [ClosingState.NOTES_ISSUED]: [ClosingState.CLOSED, ClosingState.FAILED],
  [ClosingState.CLOSED]: [],
  [ClosingState.FAILED]: [],
};

/** Where the closing stands given its steps (the milestones in order; a failed step fails it). */
export function closingStateOf(steps: { kind: string; state: ClosingStepState }[]): ClosingState {
  if (steps.some((s) => s.state === ClosingStepState.FAILED)) return ClosingState.FAILED;
  const all = (kind: string) => steps.filter((s) => s.kind === kind).every((s) => s.state === ClosingStepState.DONE);
  if (!all(CLOSING_JOB.TRUE_SALE)) return ClosingState.REQUESTED;
  if (!all(CLOSING_JOB.DVP)) return ClosingState.ASSETS_SOLD;
  if (!all(CLOSING_JOB.PROCEEDS)) return ClosingState.NOTES_ISSUED;
  return ClosingState.CLOSED;
}

/**
 * The closing's next state, or its current one when nothing moved. Several milestones can be
 * passed in one confirmation (no sale, no DvP): each move is checked against the table.
 */
export function nextClosingState(current: ClosingState, steps: { kind: string; state: ClosingStepState }[]): ClosingState {
  const target = closingStateOf(steps);
  const order = [ClosingState.REQUESTED, ClosingState.ASSETS_SOLD, ClosingState.NOTES_ISSUED, ClosingState.CLOSED];
  if (target === current) return current;
  if (target === ClosingState.FAILED) {
    if (!CLOSING_TRANSITIONS[current].includes(ClosingState.FAILED)) throw new Error(`closing ${current} cannot fail`);
    return target;
  }
  let at = current;
  while (at !== target) {
    const next = order[order.indexOf(at) + 1];
    if (!next || !CLOSING_TRANSITIONS[at].includes(next)) throw new Error(`closing cannot move ${current} → ${target}`);
    at = next;
  }
  return at;
}
