import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { toCents, type JsonObject, type Period } from '#waterfall';
import { computePeriod, rowsOfCase } from './period-run.util.js';
import { ServicingErrorCode } from './servicing.errors.js';

const FIXTURES = new URL('../../../../test/fixtures/waterfall/', import.meta.url);
const load = (name: string): JsonObject => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as JsonObject;
const CASES = ['absbox-us-test01.json', 'absbox-cn-test01.json', 'absbox-cn-test02.json', 'absbox-cn-test13.json'];

/** Holders of every bond: two wallets at 2:1 of the bond's original balance. */
function holdersOf(c: JsonObject) {
  const out: Record<string, { holder: string; balanceMinor: bigint }[]> = {};
  for (const b of (c.structure as JsonObject).bonds as JsonObject[]) {
    const orig = toCents(b.originalBalance as number, 'orig');
    out[b.name as string] = [
      { holder: '0x00000000000000000000000000000000000000a1', balanceMinor: orig - orig / 3n },
      { holder: '0x00000000000000000000000000000000000000b2', balanceMinor: orig / 3n },
    ];
  }
  return out;
}

/** Runs the deal period by period as servicing would, each period seeing only the rows collected so far. */
function servicePeriods(c: JsonObject, count: number) {
  const rows = rowsOfCase(c);
  const periods = (c.expected as JsonObject).periods as unknown as Period[];
  const out = [];
  let prev: string | null = null;
  for (let k = 0; k < Math.min(count, periods.length); k++) {
    const date = periods[k].distributionDate;
    const prior = rows.filter((r) => prev !== null && r.date <= prev);
    const mine = rows.filter((r) => (prev === null || r.date > prev) && r.date <= date);
    const finalPeriod = rows.every((r) => r.date <= date);
    out.push({ want: periods[k], got: computePeriod({ dealCase: c, priorRows: prior, rows: mine, period: k + 1, distributionDate: date, finalPeriod, holders: holdersOf(c) }) });
    prev = date;
  }
  return out;
}

describe('computePeriod on the reference cases', () => {
  it.each(CASES)('%s: every period seen one at a time reproduces the reference engine', (name) => {
    const c = load(name);
    const runs = servicePeriods(c, 1000);
    expect(runs.length).toBeGreaterThan(3);
    for (const { want, got } of runs) {
      expect(got.period).toEqual(want);
      // the holders receive exactly what the engine paid each tranche
      for (const [bond, pb] of Object.entries(want.bonds)) {
        const paid = got.distribution.filter((d) => d.tranche === bond).reduce((a, d) => a + BigInt(d.interestMinor) + BigInt(d.principalMinor), 0n);
        expect(paid).toBe(toCents(pb.interestPaid, 'i') + toCents(pb.principalPaid, 'p'));
      }
    }
  });

  it('publishes factors and credit enhancement, and refuses a period the deal does not have', () => {
    const c = load('absbox-us-test01.json');
    const runs = servicePeriods(c, 8);
    const eighth = runs[7].got; // the first period with cash: A1 pays 57.42 principal, balance 942.58
    expect(eighth.factors.A1).toEqual({ originalMinor: '100000', outstandingMinor: '94258', factor: '0.9425800000' });
    expect(eighth.factors.B.factor).toBe('1.0000000000');
    expect(eighth.totalDistributedMinor).toBe('10629');
    expect(eighth.distribution.filter((d) => d.tranche === 'A1').map((d) => [d.interestMinor, d.principalMinor])).toEqual([
      ['3258', '3828'], // 2/3 of 4887 = 3258, of 5742 = 3828
      ['1629', '1914'],
    ]);
    expect(runs[6].got.distribution).toEqual([]);
    expect(() => computePeriod({ dealCase: c, priorRows: [], rows: [], period: 1, distributionDate: '2021-07-27', finalPeriod: false, holders: {} })).toThrow(
      expect.objectContaining({ code: ServicingErrorCode.PERIOD_MISMATCH }),
    );
    expect(() => computePeriod({ dealCase: c, priorRows: [], rows: [], period: 2, distributionDate: '2021-07-26', finalPeriod: false, holders: {} })).toThrow(
      expect.objectContaining({ code: ServicingErrorCode.PERIOD_MISMATCH }),
    );
  });

  it('refuses a paid tranche without holders and malformed rows', () => {
    const c = load('absbox-us-test01.json');
    const all = rowsOfCase(c);
    const prior = all.filter((r) => r.date <= '2022-01-20');
    const mine = all.filter((r) => r.date > '2022-01-20' && r.date <= '2022-02-20');
    const run = (rows: typeof mine, holders = {}) => () => computePeriod({ dealCase: c, priorRows: prior, rows, period: 8, distributionDate: '2022-02-20', finalPeriod: false, holders });
    expect(run(mine)).toThrow(expect.objectContaining({ code: ServicingErrorCode.HOLDERS_MISSING }));
    expect(run([{ ...mine[0], interestMinor: '1.5' }], holdersOf(c))).toThrow(expect.objectContaining({ code: ServicingErrorCode.INPUT_INVALID }));
    expect(run([{ ...mine[0], date: '2022-02-21' }], holdersOf(c))).toThrow(expect.objectContaining({ code: ServicingErrorCode.INPUT_INVALID }));
    expect(run([prior[prior.length - 1]], holdersOf(c))).toThrow(expect.objectContaining({ code: ServicingErrorCode.INPUT_INVALID }));
  });
});
