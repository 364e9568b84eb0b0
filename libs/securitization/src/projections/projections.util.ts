// Projections for pricing, as the API serves them: a deal structure (tally-waterfall-case/1
// `structure`, optionally its `dates`) and a loan tape under assumptions → per tranche WAL,
// principal window, loss, yield at a price, breakeven CDR; or the same measures on a small grid.
// Everything is delegated to #waterfall; this file shapes input and output and bounds the work.
import { HttpStatus } from '@nestjs/common';
import { DomainException, registerErrorCodes } from '#core';
import {
  breakevenCdr,
  createTape,
  profilePool,
  projectCollections,
  projectionCase,
  runWaterfall,
  sampleDealTemplate,
  scenarioGrid,
  toCents,
  trancheMetrics,
  WaterfallError,
  type AssetInput,
  type Assumptions,
  type JsonObject,
  type PoolProfile,
} from '#waterfall';

export enum ProjectionErrorCode {
  INVALID = 'PROJECTION_INVALID',
  TOO_LARGE = 'PROJECTION_TOO_LARGE',
}
export const PROJECTION_ERROR_STATUS: Record<ProjectionErrorCode, HttpStatus> = {
  [ProjectionErrorCode.INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ProjectionErrorCode.TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
};
registerErrorCodes(PROJECTION_ERROR_STATUS);

export class ProjectionException extends DomainException {
  constructor(code: ProjectionErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}

/** Bounds of one request (the API answers within seconds; bigger studies: `tally waterfall project`, bench). */
export const PROJECTION_LIMITS = { assets: 10_000, months: 600, gridScenarios: 64, gridAxis: 8 } as const;

export interface ProjectionDeal {
  structure: JsonObject;
  dates?: JsonObject;
  dealStatusAtStart?: JsonObject;
  indexRates?: JsonObject | null;
}

export interface ProjectionRequest {
  /** The deal; the sample A/M/equity deal (80/10/10) on the tape's balance when absent. */
  deal?: ProjectionDeal;
  assets: AssetInput[];
  assumptions: Assumptions;
  /** Price per tranche in % of its starting balance (100 = par), for the yield. */
  prices?: Record<string, number>;
  /** Months to project (default: the longest remaining term). */
  months?: number;
  breakeven?: boolean;
}

export interface TrancheProjection {
  tranche: string;
  walYears: number | null;
  principalWindow: { first: string; last: string } | null;
  lossPct: number;
  yield: number | null;
  breakevenCdr?: number | null;
  /** Balance after each distribution date, minor units. */
  balancesMinor: string[];
}

export interface ScenarioProjection {
  assumptions: Assumptions;
  distributionDates: string[];
  poolLossMinor: string;
  tranches: TrancheProjection[];
}

export interface ProjectionResponse extends ScenarioProjection {
  poolBalanceMinor: string;
  assetCount: number;
  months: number;
}

export interface GridRequest extends Omit<ProjectionRequest, 'assumptions' | 'breakeven'> {
  axes: { cdr: string[]; cpr: string[]; recoveryRate: string[]; recoveryLag: number; delinquency?: string };
}

export interface GridResponse {
  poolBalanceMinor: string;
  scenarios: ScenarioProjection[];
}

const invalid = (msg: string, details?: unknown): never => {
  throw new ProjectionException(ProjectionErrorCode.INVALID, msg, details);
};

function engine<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof WaterfallError) invalid(err.message, { engineCode: err.code });
    throw err;
  }
}

interface Prepared {
  template: JsonObject;
  profile: PoolProfile;
  poolCents: bigint;
  months: number;
}

function prepare(req: Omit<ProjectionRequest, 'assumptions'>): Prepared {
  if (!Array.isArray(req.assets) || req.assets.length === 0) invalid('assets must list at least one asset');
  if (req.assets.length > PROJECTION_LIMITS.assets) throw new ProjectionException(ProjectionErrorCode.TOO_LARGE, `At most ${PROJECTION_LIMITS.assets} assets per request`);
  const tape = engine(() => createTape(req.assets));
  let poolCents = 0n;
  for (const b of tape.balanceCents) poolCents += BigInt(b);
  if (poolCents <= 0n) invalid('the pool balance must be positive');
  const longest = tape.remainingTerm.reduce((a, t) => (t > a ? t : a), 0);
  const months = req.months ?? longest;
  if (!Number.isInteger(months) || months < 1 || months > PROJECTION_LIMITS.months) invalid(`months must be within 1..${PROJECTION_LIMITS.months}`);
  const template = sampleDealTemplate(poolCents);
  if (req.deal) {
    if (!req.deal.structure || typeof req.deal.structure !== 'object' || Array.isArray(req.deal.structure)) invalid('deal.structure must be a tally-waterfall-case/1 structure object');
    template.structure = req.deal.structure;
    if (req.deal.dates) template.dates = req.deal.dates;
    if (req.deal.dealStatusAtStart) template.dealStatusAtStart = req.deal.dealStatusAtStart;
    if (req.deal.indexRates !== undefined) template.indexRates = req.deal.indexRates;
  }
  return { template, profile: engine(() => profilePool(tape, months)), poolCents, months };
}

function scenario(pr: Prepared, assumptions: Assumptions, prices: Record<string, number>, breakeven: boolean): ScenarioProjection {
  return engine(() => {
    const rows = projectCollections(pr.profile, assumptions);
    const c = projectionCase(pr.template, rows);
    const r = runWaterfall(c);
    const metrics = trancheMetrics(c, r, prices);
    const bonds = (c.structure as JsonObject).bonds as JsonObject[];
    return {
      assumptions,
      distributionDates: r.periods.map((p) => p.distributionDate),
      poolLossMinor: rows.reduce((a, x) => a + BigInt(x.loss), 0n).toString(),
      tranches: metrics.map((m) => {
        const equity = bonds.find((b) => b.name === m.tranche)?.principalType === 'equity';
        const out: TrancheProjection = {
          tranche: m.tranche,
          walYears: m.wal,
          principalWindow: m.principalWindow,
          lossPct: m.lossPct,
          yield: m.yield,
          balancesMinor: m.balances.map((b) => toCents(b, 'balance').toString()),
        };
        if (breakeven) out.breakevenCdr = equity ? null : breakevenCdr(pr.profile, pr.template, m.tranche, { cpr: assumptions.cpr, recoveryRate: assumptions.recoveryRate, recoveryLag: assumptions.recoveryLag, delinquency: assumptions.delinquency });
        return out;
      }),
    };
  });
}

function checkPrices(prices: unknown): Record<string, number> {
  if (prices === undefined) return {};
  if (!prices || typeof prices !== 'object' || Array.isArray(prices)) invalid('prices must map tranche names to a price in % of par');
  for (const [k, v] of Object.entries(prices as object)) if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 1000) invalid(`prices.${k} must be a price in % of par, within (0, 1000]`);
  return prices as Record<string, number>;
}

/** One scenario: per tranche WAL, window, loss, yield at the price, and (optionally) breakeven CDR. */
export function projectDeal(req: ProjectionRequest): ProjectionResponse {
  const pr = prepare(req);
  const s = scenario(pr, req.assumptions, checkPrices(req.prices), req.breakeven === true);
  return { poolBalanceMinor: pr.poolCents.toString(), assetCount: req.assets.length, months: pr.months, ...s };
}

/** CDR × CPR × recovery combinations of one deal and tape. */
export function projectGrid(req: GridRequest): GridResponse {
  const { axes } = req;
  for (const k of ['cdr', 'cpr', 'recoveryRate'] as const) {
    if (!Array.isArray(axes?.[k]) || axes[k].length === 0 || axes[k].length > PROJECTION_LIMITS.gridAxis) invalid(`axes.${k} must list 1..${PROJECTION_LIMITS.gridAxis} values`);
  }
  const all = scenarioGrid(axes);
  if (all.length > PROJECTION_LIMITS.gridScenarios) throw new ProjectionException(ProjectionErrorCode.TOO_LARGE, `At most ${PROJECTION_LIMITS.gridScenarios} scenarios per request (bigger grids: bench/waterfall)`);
  const pr = prepare(req);
  const prices = checkPrices(req.prices);
  return { poolBalanceMinor: pr.poolCents.toString(), scenarios: all.map((a) => scenario(pr, a, prices, false)) };
}
