import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BillState, Encumbrance } from '#bills';
import {
  ConcentrationBook,
  eligibilityRefusals,
  PoolRefusalCode,
  type EligibilityFacts,
  type PoolLimits,
} from './pool-eligibility.util.js';

const ORIG = 'org-originator';
const today = '2026-06-01';
const now = new Date('2026-06-01T12:00:00Z');
const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  state: BillState.ACCEPTED,
  encumbrance: Encumbrance.NONE,
  holderOrgId: ORIG,
  currency: 'EUR',
  faceAmountMinor: 100_000n,
  dueDate: '2026-08-30',
  pendingAction: null,
  onChain: true,
  obligorKyc: { state: 'APPROVED', expiresAt: new Date('2027-01-01T00:00:00Z') },
  lifecycleRefusalCode: null,
  ...over,
});
const terms = {
  originatorOrgId: ORIG,
  currency: 'EUR',
  criteria: { minRemainingTermDays: 30, maxRemainingTermDays: 120, minFaceAmountMinor: 1_000n, maxFaceAmountMinor: 1_000_000n },
};
const codes = (f: EligibilityFacts) => eligibilityRefusals(f, terms, today, now).map((r) => r.code);
const noLimits: PoolLimits = {
  maxSingleObligorBps: null,
  maxTop5ObligorsBps: null,
  maxSingleSellerBps: null,
  maxPoolBalanceMinor: null,
  maxAssetCount: null,
  concentrationBaseMinor: null,
};
const empty = { balanceMinor: 0n, count: 0, byObligor: new Map<string, bigint>(), bySeller: new Map<string, bigint>() };

describe('pool eligibility criteria', () => {
  it('accepts an accepted, unencumbered bill of the originator inside every window', () => {
    expect(codes(facts())).toEqual([]);
  });

  it('names every failed criterion, not only the first', () => {
    expect(
      codes(
        facts({
          state: BillState.ISSUED,
          encumbrance: Encumbrance.FINANCED,
          holderOrgId: 'other',
          currency: 'USD',
          faceAmountMinor: 2_000_000n,
          dueDate: '2027-06-01',
          obligorKyc: { state: 'SUSPENDED', expiresAt: null },
          pendingAction: 'transfer',
        }),
      ),
    ).toEqual([
      PoolRefusalCode.NOT_ACCEPTED,
      PoolRefusalCode.ENCUMBERED,
      PoolRefusalCode.NOT_HELD_BY_ORIGINATOR,
      PoolRefusalCode.CURRENCY_MISMATCH,
      PoolRefusalCode.REMAINING_TERM_TOO_LONG,
      PoolRefusalCode.FACE_AMOUNT_TOO_LARGE,
      PoolRefusalCode.OBLIGOR_KYC_NOT_APPROVED,
      PoolRefusalCode.CHAIN_PENDING,
    ]);
  });

  it('refuses overdue, short-term, small, pooled bills and an expired obligor KYC', () => {
    expect(codes(facts({ dueDate: today }))).toEqual([PoolRefusalCode.OVERDUE]);
    expect(codes(facts({ state: BillState.OVERDUE, dueDate: '2026-05-01' }))).toEqual([PoolRefusalCode.OVERDUE]);
    expect(codes(facts({ dueDate: '2026-06-30' }))).toEqual([PoolRefusalCode.REMAINING_TERM_TOO_SHORT]);
    expect(codes(facts({ faceAmountMinor: 999n }))).toEqual([PoolRefusalCode.FACE_AMOUNT_TOO_SMALL]);
    expect(codes(facts({ encumbrance: Encumbrance.POOLED }))).toEqual([PoolRefusalCode.ALREADY_POOLED]);
    expect(codes(facts({ obligorKyc: { state: 'APPROVED', expiresAt: new Date('2026-06-01T11:59:59Z') } }))).toEqual([
      PoolRefusalCode.OBLIGOR_KYC_EXPIRED,
    ]);
    expect(codes(facts({ obligorKyc: null }))).toEqual([PoolRefusalCode.OBLIGOR_KYC_NOT_APPROVED]);
    // the window bounds themselves are inside
    expect(codes(facts({ dueDate: '2026-07-01', faceAmountMinor: 1_000n }))).toEqual([]);
    expect(codes(facts({ dueDate: '2026-09-29', faceAmountMinor: 1_000_000n }))).toEqual([]);
  });

  it('keeps the lifecycle table as the last word', () => {
    expect(codes(facts({ lifecycleRefusalCode: 'BILL_TRANSITION_NOT_ALLOWED' }))).toEqual([PoolRefusalCode.LIFECYCLE_REFUSED]);
  });
});

describe('concentration limits against the pool after the addition', () => {
  it('refuses the bill that would take one obligor above its share, and takes a later one that fits', () => {
    const book = new ConcentrationBook({ ...noLimits, maxSingleObligorBps: 5_000 }, empty, 'EUR');
    expect(book.tryAdd({ obligorOrgId: 'A', sellerOrgId: 'S', faceAmountMinor: 100n }).map((r) => r.code)).toEqual([
      PoolRefusalCode.SINGLE_OBLIGOR_LIMIT,
    ]);
    const based = new ConcentrationBook({ ...noLimits, maxSingleObligorBps: 5_000, concentrationBaseMinor: 1_000n }, empty, 'EUR');
    expect(based.tryAdd({ obligorOrgId: 'A', sellerOrgId: 'S', faceAmountMinor: 500n })).toEqual([]); // exactly 50 % of the base
    expect(based.tryAdd({ obligorOrgId: 'A', sellerOrgId: 'S', faceAmountMinor: 1n })).toEqual([
      { code: PoolRefusalCode.SINGLE_OBLIGOR_LIMIT, message: 'The obligor would be 50.1 % of 10.00 EUR; the limit is 50 %' },
    ]);
    expect(based.tryAdd({ obligorOrgId: 'B', sellerOrgId: 'S', faceAmountMinor: 600n }).map((r) => r.code)).toEqual([
      PoolRefusalCode.SINGLE_OBLIGOR_LIMIT,
    ]); // 600 of 1,100
    expect(based.tryAdd({ obligorOrgId: 'B', sellerOrgId: 'S', faceAmountMinor: 500n })).toEqual([]); // 500 of 1,000
    expect(based.tryAdd({ obligorOrgId: 'C', sellerOrgId: 'S', faceAmountMinor: 100n })).toEqual([]);
    expect(based.tryAdd({ obligorOrgId: 'A', sellerOrgId: 'S', faceAmountMinor: 50n })).toEqual([]); // 550 of 1,150
    expect([based.balanceMinor, based.assetCount]).toEqual([1_150n, 4]);
  });

  it('checks top-5, seller, size and count limits, each named', () => {
    const book = new ConcentrationBook(
      {
        ...noLimits,
        maxTop5ObligorsBps: 8_000,
        maxSingleSellerBps: 6_000,
        maxPoolBalanceMinor: 1_000n,
        maxAssetCount: 7,
        concentrationBaseMinor: 1_000n,
      },
      empty,
      'EUR',
    );
    for (const o of ['A', 'B', 'C', 'D', 'E'])
      expect(book.tryAdd({ obligorOrgId: o, sellerOrgId: o === 'A' ? 'S1' : 'S2', faceAmountMinor: 150n })).toEqual([]);
    expect(book.tryAdd({ obligorOrgId: 'A', sellerOrgId: 'S1', faceAmountMinor: 100n }).map((r) => r.code)).toEqual([
      PoolRefusalCode.TOP5_OBLIGORS_LIMIT,
    ]);
    expect(book.tryAdd({ obligorOrgId: 'F', sellerOrgId: 'S2', faceAmountMinor: 100n }).map((r) => r.code)).toEqual([
      PoolRefusalCode.SINGLE_SELLER_LIMIT,
    ]);
    expect(book.tryAdd({ obligorOrgId: 'F', sellerOrgId: 'S1', faceAmountMinor: 100n })).toEqual([]);
    expect(book.tryAdd({ obligorOrgId: 'G', sellerOrgId: 'S3', faceAmountMinor: 200n }).map((r) => r.code)).toEqual([
      PoolRefusalCode.POOL_BALANCE_LIMIT,
    ]);
    expect(book.tryAdd({ obligorOrgId: 'G', sellerOrgId: 'S3', faceAmountMinor: 10n })).toEqual([]);
    expect(book.tryAdd({ obligorOrgId: 'H', sellerOrgId: 'S3', faceAmountMinor: 10n }).map((r) => r.code)).toEqual([
      PoolRefusalCode.POOL_COUNT_LIMIT,
    ]);
  });

  it('never ends above a limit, whatever the bills (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ o: fc.integer({ min: 0, max: 9 }), s: fc.integer({ min: 0, max: 3 }), f: fc.bigInt({ min: 1n, max: 10_000n }) }),
          { maxLength: 200 },
        ),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.bigInt({ min: 0n, max: 200_000n }),
        (bills, single, top5, seller, baseMinor) => {
          const limits = {
            ...noLimits,
            maxSingleObligorBps: single,
            maxTop5ObligorsBps: top5,
            maxSingleSellerBps: seller,
            concentrationBaseMinor: baseMinor,
          };
          const book = new ConcentrationBook(limits, empty, 'EUR');
          const byO = new Map<number, bigint>();
          const byS = new Map<number, bigint>();
          let total = 0n;
          for (const b of bills) {
            if (book.tryAdd({ obligorOrgId: `o${b.o}`, sellerOrgId: `s${b.s}`, faceAmountMinor: b.f }).length) continue;
            byO.set(b.o, (byO.get(b.o) ?? 0n) + b.f);
            byS.set(b.s, (byS.get(b.s) ?? 0n) + b.f);
            total += b.f;
          }
          const base = total > baseMinor ? total : baseMinor;
          const sorted = [...byO.values()].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
          expect(book.balanceMinor).toBe(total);
          for (const v of byO.values()) expect(v * 10_000n <= BigInt(single) * base).toBe(true);
          for (const v of byS.values()) expect(v * 10_000n <= BigInt(seller) * base).toBe(true);
          expect(sorted.slice(0, 5).reduce((a, b) => a + b, 0n) * 10_000n <= BigInt(top5) * base).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
