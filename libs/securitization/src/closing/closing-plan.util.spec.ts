import { describe, expect, it } from '@jest/globals';
import { ClosingState, ClosingStepState } from './closing.entity.js';
import { CLOSING_JOB, closingStateOf, nextClosingState, planClosing, readySteps, TRUE_SALE_BATCH } from './closing-plan.util.js';

const bills = Array.from({ length: 250 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const plan = planClosing({
  tranches: ['A', 'E'],
  billIds: bills,
  allocations: [
    { orderId: 'o1', className: 'A', investorOrgId: 'i1', investor: '0x1', amountMinor: 100n },
    { orderId: 'o2', className: 'A', investorOrgId: 'i2', investor: '0x2', amountMinor: 200n },
    { orderId: 'o3', className: 'E', investorOrgId: 'i1', investor: '0x1', amountMinor: 50n },
  ],
  originatorWallet: '0xo',
  proceedsMinor: 300n,
  vaultIdentity: { country: 'DE', expiresAt: 1 },
});
const steps = plan.map((s) => ({ ...s, state: ClosingStepState.PLANNED }));
const finish = (keys: string[]) => steps.forEach((s) => keys.includes(s.key) && (s.state = ClosingStepState.DONE));

describe('planClosing', () => {
  it('sells the bills in batches of TRUE_SALE_BATCH, every bill once, in the given order', () => {
    const sales = plan.filter((s) => s.kind === CLOSING_JOB.TRUE_SALE);
    expect(sales.map((s) => s.billCount)).toEqual([TRUE_SALE_BATCH, TRUE_SALE_BATCH, 50]);
    expect(sales.flatMap((s) => (s.spec as { billIds: string[] }).billIds)).toEqual(bills);
  });

  it('has unique keys and only dependencies that exist, without cycles', () => {
    const keys = new Set(plan.map((s) => s.key));
    expect(keys.size).toBe(plan.length);
    for (const s of plan) for (const d of s.dependsOn) expect(keys.has(d)).toBe(true);
    // running the graph to the end reaches every step
    const run = plan.map((s) => ({ ...s, state: ClosingStepState.PLANNED }));
    for (let round = 0; round < plan.length; round++) for (const s of readySteps(run)) s.state = ClosingStepState.DONE;
    expect(run.every((s) => s.state === ClosingStepState.DONE)).toBe(true);
  });

  it('starts with the contracts; DvPs wait for the whole sale and run one after another per investor; proceeds last', () => {
    expect(readySteps(steps).map((s) => s.key).sort()).toEqual(['deploy-token:A', 'deploy-token:E', 'deploy-vault']);
    const dvp = (id: string) => plan.find((s) => s.key === `dvp:${id}`)!;
    expect(dvp('o1').dependsOn).toEqual(expect.arrayContaining(['true-sale:0', 'true-sale:1', 'true-sale:2', 'eligible:A', 'set-tranche:A', 'grant:token-minter:A']));
    expect(dvp('o3').dependsOn).toContain('dvp:o1');
    expect(dvp('o2').dependsOn).not.toContain('dvp:o1');
    expect(plan.at(-1)!.key).toBe('proceeds');
    expect(plan.at(-1)!.dependsOn).toEqual(expect.arrayContaining(['dvp:o1', 'dvp:o2', 'dvp:o3']));
  });
});

describe('closing state machine', () => {
  it('moves REQUESTED → ASSETS_SOLD → NOTES_ISSUED → CLOSED with its steps, and FAILED on a failed step', () => {
    const s = plan.map((x) => ({ kind: x.kind, state: ClosingStepState.DONE as ClosingStepState }));
    expect(closingStateOf(s)).toBe(ClosingState.CLOSED);
    const sale = s.find((x) => x.kind === CLOSING_JOB.TRUE_SALE)!;
    sale.state = ClosingStepState.ENQUEUED;
    expect(closingStateOf(s)).toBe(ClosingState.REQUESTED);
    sale.state = ClosingStepState.DONE;
    s.find((x) => x.kind === CLOSING_JOB.PROCEEDS)!.state = ClosingStepState.ENQUEUED;
    expect(closingStateOf(s)).toBe(ClosingState.NOTES_ISSUED);
    expect(nextClosingState(ClosingState.REQUESTED, s)).toBe(ClosingState.NOTES_ISSUED);
    s[0]!.state = ClosingStepState.FAILED;
    expect(nextClosingState(ClosingState.ASSETS_SOLD, s)).toBe(ClosingState.FAILED);
    expect(() => nextClosingState(ClosingState.CLOSED, s)).toThrow('cannot fail');
    expect(() => nextClosingState(ClosingState.FAILED, plan.map((x) => ({ kind: x.kind, state: ClosingStepState.DONE })))).toThrow();
  });

  it('finishing the contracts unblocks their setup', () => {
    finish(['deploy-vault']);
    expect(readySteps(steps).map((s) => s.key).sort()).toEqual(
      ['deploy-dvp', 'deploy-token:A', 'deploy-token:E', 'grant:registry-agent:vault', 'grant:vault-agent:operator', 'register-vault'].sort(),
    );
  });
});
