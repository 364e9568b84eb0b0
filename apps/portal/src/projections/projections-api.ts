import { httpClient } from '../providers/http-client';

export interface Assumptions {
  cdr: string;
  cpr: string;
  recoveryRate: string;
  recoveryLag: number;
  delinquency?: string;
}

export interface TapeAsset {
  balance: string;
  rate: string;
  remainingTerm: number;
}

export interface TrancheProjection {
  tranche: string;
  walYears: number | null;
  principalWindow: { first: string; last: string } | null;
  lossPct: number;
  yield: number | null;
  breakevenCdr?: number | null;
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

export interface GridResponse {
  poolBalanceMinor: string;
  scenarios: ScenarioProjection[];
}

/** Projections (pure computations on the API). Part of the one data provider. */
export interface ProjectionMethods {
  /** `POST /projections`: one scenario, with breakeven CDRs. */
  project(body: { assets: TapeAsset[]; assumptions: Assumptions; breakeven?: boolean; prices?: Record<string, number> }): Promise<ProjectionResponse>;
  /** `POST /projections/grid`: CDR × CPR × recovery. */
  projectGrid(body: { assets: TapeAsset[]; axes: { cdr: string[]; cpr: string[]; recoveryRate: string[]; recoveryLag: number; delinquency?: string } }): Promise<GridResponse>;
}

export const projectionMethods: ProjectionMethods = {
  async project(body) {
    return (await httpClient<ProjectionResponse>('/api/v1/projections', { method: 'POST', body })).body;
  },
  async projectGrid(body) {
    return (await httpClient<GridResponse>('/api/v1/projections/grid', { method: 'POST', body })).body;
  },
};
