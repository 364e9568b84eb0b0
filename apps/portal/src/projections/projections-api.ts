import type { components } from '../api/schema';
import { httpClient } from '../providers/http-client';

// Aliases of the types generated from the OpenAPI document (`../api/schema`, `npm run api:types`).
type Schemas = components['schemas'];
export type Assumptions = Schemas['ProjectionAssumptionsDto'];
export type TapeAsset = Schemas['ProjectionAssetDto'];
export type TrancheProjection = Schemas['TrancheProjectionDto'];
export type ScenarioProjection = Schemas['ScenarioProjectionDto'];
export type ProjectionResponse = Schemas['ProjectionResponseDto'];
export type GridResponse = Schemas['GridResponseDto'];

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
