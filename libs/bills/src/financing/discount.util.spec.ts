import { describe, expect, it } from '@jest/globals';
import { statusOfCode } from '#core';
import {
  actualDays,
  FinancingNetProceedsNegativeError,
  FinancingQuoteErrorCode,
  FinancingTenorInvalidError,
  FinancingTermsInvalidError,
  quoteFinancing,
  type FinancingQuote,
  type FinancingQuoteInput,
} from './discount.util.js';

const terms = (over: Partial<FinancingQuoteInput> = {}): FinancingQuoteInput => ({
  faceAmountMinor: 100_000_000n, // 1,000,000.00 EUR
  currency: 'EUR',
  advanceRateBps: 9_000,
  annualDiscountRateBps: 500,
  feesMinor: 25_000n,
  dayCount: 'ACT/360',
  valueDate: '2025-01-15',
  dueDate: '2025-04-15',
  ...over,
});

/** Runs `fn`, expecting it to throw; returns the error. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('quoteFinancing: exact integer expectations', () => {
  it('ACT/360: 1,000,000.00 EUR, 90 % advance, 5 % p.a., 90 days, 250.00 fees', () => {
    // tenor 2025-01-15 → 2025-04-15: 16 (rest of Jan) + 28 + 31 + 15 = 90 days
    // advance  = 100,000,000 × 9,000 / 10,000                        = 90,000,000
    // discount = 90,000,000 × 500 × 90 / (10,000 × 360)
    //          = 4,050,000,000,000 / 3,600,000                       = 1,125,000 (exact)
    // net      = 90,000,000 − 1,125,000 − 25,000                     = 88,850,000
    // retained = 100,000,000 − 90,000,000                            = 10,000,000
    expect(quoteFinancing(terms())).toEqual({
      currency: 'EUR',
      dayCount: 'ACT/360',
      tenorDays: 90,
      advanceAmountMinor: 90_000_000n,
      discountMinor: 1_125_000n,
      feesMinor: 25_000n,
      netProceedsMinor: 88_850_000n,
      retainedMinor: 10_000_000n,
    } satisfies FinancingQuote);
  });

  it('ACT/365: the same terms discount less', () => {
    // discount = 4,050,000,000,000 / 3,650,000 = 1,109,589.041…
    //   1,109,589 × 3,650,000 = 4,049,999,850,000, remainder 150,000 < 1,825,000 (half) → 1,109,589
    // net      = 90,000,000 − 1,109,589 − 25,000 = 88,865,411
    expect(quoteFinancing(terms({ dayCount: 'ACT/365' }))).toEqual({
      currency: 'EUR',
      dayCount: 'ACT/365',
      tenorDays: 90,
      advanceAmountMinor: 90_000_000n,
      discountMinor: 1_109_589n,
      feesMinor: 25_000n,
      netProceedsMinor: 88_865_411n,
      retainedMinor: 10_000_000n,
    } satisfies FinancingQuote);
  });

  it('rounds the discount half-even on exact ties, both ways (ACT/360)', () => {
    // 10 % p.a. over 36 days on ACT/360: discount = advance × 1,000 × 36 / 3,600,000 = advance / 100
    const q = (face: bigint) =>
      quoteFinancing(
        terms({
          faceAmountMinor: face,
          advanceRateBps: 10_000,
          annualDiscountRateBps: 1_000,
          feesMinor: 0n,
          valueDate: '2025-01-01',
          dueDate: '2025-02-06',
        }),
      );
    expect(q(12_250n).tenorDays).toBe(36); // 31 (January) + 5
    expect(q(12_250n).discountMinor).toBe(122n); // 122.5 → 122 (even: down)
    expect(q(12_350n).discountMinor).toBe(124n); // 123.5 → 124 (even: up)
    expect(q(12_251n).discountMinor).toBe(123n); // 122.51 → 123 (not a tie: nearest)
    expect(q(12_349n).discountMinor).toBe(123n); // 123.49 → 123
    expect(q(12_350n).netProceedsMinor).toBe(12_226n); // 12,350 − 124
  });

  it('rounds the discount half-even on exact ties, both ways (ACT/365)', () => {
    // 7.30 % p.a. over 50 days on ACT/365: discount = advance × 730 × 50 / 3,650,000 = advance / 100
    const q = (face: bigint) =>
      quoteFinancing(
        terms({
          faceAmountMinor: face,
          advanceRateBps: 10_000,
          annualDiscountRateBps: 730,
          feesMinor: 0n,
          dayCount: 'ACT/365',
          valueDate: '2025-01-01',
          dueDate: '2025-02-20',
        }),
      );
    expect(q(12_250n).tenorDays).toBe(50); // 31 + 19
    expect(q(12_250n).discountMinor).toBe(122n); // 122.5 → 122
    expect(q(12_350n).discountMinor).toBe(124n); // 123.5 → 124
    expect(q(50n).discountMinor).toBe(0n); // 0.5 → 0
    expect(q(150n).discountMinor).toBe(2n); // 1.5 → 2
  });

  it('rounds the advance half-even on exact ties, both ways', () => {
    const q = (face: bigint) =>
      quoteFinancing(terms({ faceAmountMinor: face, advanceRateBps: 5_000, annualDiscountRateBps: 0, feesMinor: 0n }));
    // 12,345 × 5,000 / 10,000 = 6,172.5 → 6,172 ; retained 12,345 − 6,172 = 6,173
    expect(q(12_345n)).toMatchObject({ advanceAmountMinor: 6_172n, discountMinor: 0n, netProceedsMinor: 6_172n, retainedMinor: 6_173n });
    // 12,347 × 5,000 / 10,000 = 6,173.5 → 6,174 ; retained 12,347 − 6,174 = 6,173
    expect(q(12_347n)).toMatchObject({ advanceAmountMinor: 6_174n, netProceedsMinor: 6_174n, retainedMinor: 6_173n });
  });

  it('computes the discount in one step from the advance actually paid (no intermediate rounding)', () => {
    // face 333, 33.33 % advance: 333 × 3,333 / 10,000 = 110.9889 → advance 111 (retained 222)
    // 12 % p.a., 2025-01-01 → 2025-04-11 = 31 + 28 + 31 + 10 = 100 days, ACT/365:
    //   111 × 1,200 × 100 / 3,650,000 = 13,320,000 / 3,650,000 = 3.649… → 4 ; net 111 − 4 = 107
    const q = quoteFinancing(
      terms({
        faceAmountMinor: 333n,
        advanceRateBps: 3_333,
        annualDiscountRateBps: 1_200,
        feesMinor: 0n,
        dayCount: 'ACT/365',
        valueDate: '2025-01-01',
        dueDate: '2025-04-11',
      }),
    );
    expect(q).toMatchObject({ tenorDays: 100, advanceAmountMinor: 111n, discountMinor: 4n, netProceedsMinor: 107n, retainedMinor: 222n });
    // 1,000,000.00 at 100 %, 7.77 % p.a., 1 day, ACT/360: 100,000,000 × 777 / 3,600,000 = 21,583.33 → 21,583
    // (a day rate rounded to 0.0216 % first would give 21,600)
    const oneDay = quoteFinancing(
      terms({ advanceRateBps: 10_000, annualDiscountRateBps: 777, feesMinor: 0n, valueDate: '2025-06-30', dueDate: '2025-07-01' }),
    );
    expect(oneDay).toMatchObject({ tenorDays: 1, discountMinor: 21_583n, netProceedsMinor: 99_978_417n });
  });

  it('counts actual days across leap years (2024-02-29)', () => {
    expect(actualDays('2024-02-28', '2024-03-01')).toBe(2);
    expect(actualDays('2023-02-28', '2023-03-01')).toBe(1);
    expect(actualDays('2024-02-29', '2024-03-29')).toBe(29);
    expect(actualDays('2024-01-01', '2025-01-01')).toBe(366);
    expect(actualDays('2023-01-01', '2024-01-01')).toBe(365);
    expect(actualDays('1900-02-28', '1900-03-01')).toBe(1); // 1900 is not a leap year
    expect(actualDays('2000-02-28', '2000-03-01')).toBe(2); // 2000 is
    expect(actualDays('1970-01-01', '2024-02-29')).toBe(19_782);
    expect(actualDays('2025-03-01', '2025-02-28')).toBe(-1);

    // over the leap day: 360,000.00 at 100 %, 10 % p.a., ACT/360
    //   2024-02-28 → 2024-03-01 = 2 days: 36,000,000 × 1,000 × 2 / 3,600,000 = 20,000
    //   2023-02-28 → 2023-03-01 = 1 day : 36,000,000 × 1,000 × 1 / 3,600,000 = 10,000
    const leap = (valueDate: string, dueDate: string) =>
      quoteFinancing(
        terms({ faceAmountMinor: 36_000_000n, advanceRateBps: 10_000, annualDiscountRateBps: 1_000, feesMinor: 0n, valueDate, dueDate }),
      );
    expect(leap('2024-02-28', '2024-03-01').discountMinor).toBe(20_000n);
    expect(leap('2023-02-28', '2023-03-01').discountMinor).toBe(10_000n);

    // a whole leap year, 10,000.00 at 100 %, 10 % p.a.: 1,000,000 × 1,000 × 366 = 366,000,000,000
    //   ACT/365: / 3,650,000 = 100,273.97… (remainder 3,550,000 > 1,825,000) → 100,274: more than 10 %
    //   ACT/360: / 3,600,000 = 101,666.67… (remainder 2,400,000 > 1,800,000) → 101,667
    const year = (dayCount: 'ACT/360' | 'ACT/365') =>
      quoteFinancing(
        terms({
          faceAmountMinor: 1_000_000n,
          advanceRateBps: 10_000,
          annualDiscountRateBps: 1_000,
          feesMinor: 0n,
          dayCount,
          valueDate: '2024-01-01',
          dueDate: '2025-01-01',
        }),
      );
    expect(year('ACT/365')).toMatchObject({ tenorDays: 366, discountMinor: 100_274n, netProceedsMinor: 899_726n });
    expect(year('ACT/360')).toMatchObject({ tenorDays: 366, discountMinor: 101_667n, netProceedsMinor: 898_333n });
  });

  it('100 % advance: nothing retained', () => {
    // 5,000.00 at 100 %, 12 % p.a., 30 days ACT/360, 15.00 fees
    // discount = 500,000 × 1,200 × 30 / 3,600,000 = 18,000,000,000 / 3,600,000 = 5,000
    // net = 500,000 − 5,000 − 1,500 = 493,500
    expect(
      quoteFinancing(
        terms({
          faceAmountMinor: 500_000n,
          advanceRateBps: 10_000,
          annualDiscountRateBps: 1_200,
          feesMinor: 1_500n,
          valueDate: '2025-09-01',
          dueDate: '2025-10-01',
        }),
      ),
    ).toEqual({
      currency: 'EUR',
      dayCount: 'ACT/360',
      tenorDays: 30,
      advanceAmountMinor: 500_000n,
      discountMinor: 5_000n,
      feesMinor: 1_500n,
      netProceedsMinor: 493_500n,
      retainedMinor: 0n,
    } satisfies FinancingQuote);
  });

  it('works in a currency without decimals (JPY: the minor unit is one yen)', () => {
    // ¥1,234,567 at 80 %: 987,653.6 → 987,654 ; 3 % p.a., 61 days ACT/365:
    // 987,654 × 300 × 61 / 3,650,000 = 18,074,068,200 / 3,650,000 = 4,951.80… → 4,952
    expect(
      quoteFinancing(
        terms({
          faceAmountMinor: 1_234_567n,
          currency: 'JPY',
          advanceRateBps: 8_000,
          annualDiscountRateBps: 300,
          feesMinor: 0n,
          dayCount: 'ACT/365',
          valueDate: '2025-05-01',
          dueDate: '2025-07-01',
        }),
      ),
    ).toMatchObject({
      tenorDays: 61,
      advanceAmountMinor: 987_654n,
      discountMinor: 4_952n,
      netProceedsMinor: 982_702n,
      retainedMinor: 246_913n,
    });
  });
});

describe('quoteFinancing: refusals', () => {
  it('refuses a zero or negative tenor', () => {
    const zero = thrown(() => quoteFinancing(terms({ valueDate: '2025-04-15', dueDate: '2025-04-15' })));
    expect(zero).toBeInstanceOf(FinancingTenorInvalidError);
    expect(zero).toMatchObject({ code: 'FINANCING_TENOR_INVALID', tenorDays: 0 });
    expect(thrown(() => quoteFinancing(terms({ valueDate: '2025-04-16', dueDate: '2025-04-15' })))).toMatchObject({ tenorDays: -1 });
  });

  it('refuses negative net proceeds, and allows exactly zero', () => {
    // advance = 10,000 × 1,000 / 10,000 = 1,000 ; no discount ; fees 1,001 → net −1
    const e = thrown(() =>
      quoteFinancing(terms({ faceAmountMinor: 10_000n, advanceRateBps: 1_000, annualDiscountRateBps: 0, feesMinor: 1_001n })),
    );
    expect(e).toBeInstanceOf(FinancingNetProceedsNegativeError);
    expect(e).toMatchObject({ code: 'FINANCING_NET_PROCEEDS_NEGATIVE', advanceAmountMinor: 1_000n, discountMinor: 0n, feesMinor: 1_001n });
    expect(JSON.stringify((e as FinancingNetProceedsNegativeError).details)).toBe(
      '{"advanceAmountMinor":"1000","discountMinor":"0","feesMinor":"1001"}',
    );
    expect(
      quoteFinancing(terms({ faceAmountMinor: 10_000n, advanceRateBps: 1_000, annualDiscountRateBps: 0, feesMinor: 1_000n }))
        .netProceedsMinor,
    ).toBe(0n);
  });

  it('refuses invalid terms, naming the field', () => {
    const bad: [Partial<FinancingQuoteInput>, keyof FinancingQuoteInput][] = [
      [{ faceAmountMinor: 0n }, 'faceAmountMinor'],
      [{ faceAmountMinor: -1n }, 'faceAmountMinor'],
      [{ faceAmountMinor: 100 as unknown as bigint }, 'faceAmountMinor'],
      [{ currency: 'XXX' }, 'currency'],
      [{ advanceRateBps: 0 }, 'advanceRateBps'],
      [{ advanceRateBps: 10_001 }, 'advanceRateBps'],
      [{ advanceRateBps: 90.5 }, 'advanceRateBps'],
      [{ annualDiscountRateBps: -1 }, 'annualDiscountRateBps'],
      [{ annualDiscountRateBps: 4.5 }, 'annualDiscountRateBps'],
      [{ annualDiscountRateBps: 100_001 }, 'annualDiscountRateBps'],
      [{ annualDiscountRateBps: Number.NaN }, 'annualDiscountRateBps'],
      [{ feesMinor: -1n }, 'feesMinor'],
      [{ dayCount: 'ACT/ACT' as 'ACT/360' }, 'dayCount'],
      [{ valueDate: '2025-02-30' }, 'valueDate'],
      [{ valueDate: '2025/01/15' }, 'valueDate'],
      [{ dueDate: '2025-04-15T00:00:00Z' }, 'dueDate'],
    ];
    for (const [change, field] of bad) {
      const e = thrown(() => quoteFinancing(terms(change)));
      expect(e).toBeInstanceOf(FinancingTermsInvalidError);
      expect(e).toMatchObject({ code: 'FINANCING_TERMS_INVALID', field });
    }
  });

  it('maps its codes to statuses', () => {
    expect(statusOfCode(FinancingQuoteErrorCode.FINANCING_TERMS_INVALID)).toBe(422);
    expect(statusOfCode(FinancingQuoteErrorCode.FINANCING_TENOR_INVALID)).toBe(422);
    expect(statusOfCode(FinancingQuoteErrorCode.FINANCING_NET_PROCEEDS_NEGATIVE)).toBe(422);
  });
});

describe('quoteFinancing: properties', () => {
  /** mulberry32: a tiny seeded PRNG, so every run checks the same cases. */
  function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }

  it('face = net + discount + fees + retained; every output a non-negative integer; rounding to nearest, ties to even', () => {
    const rand = prng(0x7a11_2025);
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const big = (maxDigits: number) => BigInt(Array.from({ length: int(1, maxDigits) }, () => int(0, 9)).join('')); // 0 … 10^maxDigits − 1

    /** Independent half-even check: |q·d − n| ≤ d/2, and on a tie q is even. */
    const isHalfEven = (q: bigint, n: bigint, d: bigint) => {
      const twiceErr = 2n * (q * d - n < 0n ? n - q * d : q * d - n);
      return twiceErr < d || (twiceErr === d && q % 2n === 0n);
    };
    const isoDay = (epochDay: number) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);

    const CASES = 2_000;
    let quoted = 0;
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      const face = big(16) + 1n;
      const advanceRateBps = rand() < 0.1 ? 10_000 : int(1, 10_000);
      const annualDiscountRateBps = rand() < 0.05 ? 0 : int(0, 3_000);
      const dayCount = rand() < 0.5 ? 'ACT/360' : 'ACT/365';
      const tenor = int(1, 730);
      const start = int(10_957, 25_567); // 2000-01-01 … 2040-01-01
      const fees = rand() < 0.2 ? 0n : (face * BigInt(int(0, 2_000))) / 10_000n;
      const input: FinancingQuoteInput = {
        faceAmountMinor: face,
        currency: 'EUR',
        advanceRateBps,
        annualDiscountRateBps,
        feesMinor: fees,
        dayCount,
        valueDate: isoDay(start),
        dueDate: isoDay(start + tenor),
      };

      const advance = face * BigInt(advanceRateBps);
      const basis = dayCount === 'ACT/360' ? 360n : 365n;
      let q: FinancingQuote;
      try {
        q = quoteFinancing(input);
      } catch (e) {
        // the only acceptable refusal here: discount + fees really exceed the advance
        expect(e).toBeInstanceOf(FinancingNetProceedsNegativeError);
        const err = e as FinancingNetProceedsNegativeError;
        expect(err.advanceAmountMinor - err.discountMinor - err.feesMinor < 0n).toBe(true);
        refused++;
        continue;
      }
      quoted++;
      expect(q.tenorDays).toBe(tenor);
      for (const v of [q.advanceAmountMinor, q.discountMinor, q.feesMinor, q.netProceedsMinor, q.retainedMinor]) {
        expect(typeof v).toBe('bigint');
        expect(v >= 0n).toBe(true);
      }
      expect(q.netProceedsMinor + q.discountMinor + q.feesMinor + q.retainedMinor).toBe(face);
      expect(q.feesMinor).toBe(fees);
      expect(isHalfEven(q.advanceAmountMinor, advance, 10_000n)).toBe(true);
      expect(isHalfEven(q.discountMinor, q.advanceAmountMinor * BigInt(annualDiscountRateBps) * BigInt(tenor), 10_000n * basis)).toBe(true);
      // deterministic: the same terms, the same quote
      expect(quoteFinancing({ ...input })).toEqual(q);
    }
    expect(quoted).toBeGreaterThanOrEqual(500);
    expect(refused).toBeGreaterThan(0);
  });
});
