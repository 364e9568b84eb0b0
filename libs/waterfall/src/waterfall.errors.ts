/** Codes of the waterfall engine's errors: a case that cannot be run says why, never crashes. */
export const WaterfallErrorCode = {
  /** The input is not a `tally-waterfall-case/1` object or a field has the wrong shape. */
  BadCase: 'WATERFALL_BAD_CASE',
  /** An amount or rate has more decimals than the format allows, or is not a finite number. */
  BadNumber: 'WATERFALL_BAD_NUMBER',
  /** A formula or condition cannot be evaluated (unknown name, division by zero, ...). */
  Unevaluable: 'WATERFALL_UNEVALUABLE',
  /** The case uses an engine feature this engine does not implement. */
  Unsupported: 'WATERFALL_UNSUPPORTED',
  /** A per-period invariant failed (conservation, overpayment, negative balance). */
  InvariantViolated: 'WATERFALL_INVARIANT_VIOLATED',
  /** Projection assumptions out of range. */
  BadAssumption: 'WATERFALL_BAD_ASSUMPTION',
} as const;
export type WaterfallErrorCode = (typeof WaterfallErrorCode)[keyof typeof WaterfallErrorCode];

export class WaterfallError extends Error {
  override readonly name: string = 'WaterfallError';
  constructor(
    readonly code: WaterfallErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown when a period breaks cash conservation, overpays a bond or drives a balance negative. */
export class WaterfallInvariantError extends WaterfallError {
  override readonly name: string = 'WaterfallInvariantError';
  constructor(
    readonly invariant: 'conservation' | 'overpayment' | 'negativeBalance',
    readonly date: string,
    detail: string,
  ) {
    super(WaterfallErrorCode.InvariantViolated, `invariant ${invariant} violated on ${date}: ${detail}`);
  }
}
