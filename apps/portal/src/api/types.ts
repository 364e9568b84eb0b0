/**
 * Shapes of the Tally REST API as the portal uses them: aliases of the types generated from the
 * API's OpenAPI document (`schema.d.ts`, `npm run api:types`; a test fails when it drifts). Only
 * what the document cannot say (a generic page) is written here.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

/** `GET /api/v1/status` */
export type StatusResponse = Schemas['StatusDto'];
export type DatabaseStatus = Schemas['DatabaseHealthDto'];
export type ChainStatus = Schemas['ChainHealthDto'];
export type ServiceState = ChainStatus['status'];
export type ContractDeployment = Schemas['DeployedContractDto'];
export type ChainJobCounts = Schemas['ChainJobCountsDto'];
export type StatusFeatures = Schemas['FeaturesDto'];

/** The body of every non-2xx answer of the API. */
export type ApiErrorBody = Schemas['ErrorBody'];

/** Body of a paginated list endpoint (`GET /api/v1/<resource>`): the `…PageDto` schemas, generic. */
export interface ListResponse<T> {
  items: T[];
  total: number;
}

/** `POST /api/v1/auth/login` */
export type LoginRequest = Schemas['LoginDto'];
/** `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout` */
export type RefreshTokenRequest = Schemas['RefreshDto'];
/** Answer of `POST /api/v1/auth/login` and `POST /api/v1/auth/refresh`. */
export type TokenResponse = Schemas['TokenPairDto'];
/** `GET /api/v1/auth/me` */
export type MeResponse = Schemas['MeDto'];
