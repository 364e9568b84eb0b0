/**
 * Shapes of the Tally REST API as the portal uses them.
 *
 * Hand-written for now; this file is meant to be replaced by types generated from the API's
 * OpenAPI document (convention 16), so keep it to plain data types with no logic.
 */

/** `GET /api/v1/status` */
export interface StatusResponse {
  version: string;
  mode: 'embedded' | 'server';
  database: DatabaseStatus;
  chain: ChainStatus;
  contracts: ContractDeployment[];
  /** null while the database is down */
  jobs: ChainJobCounts | null;
  features: StatusFeatures;
}

export type ServiceState = 'up' | 'down';

export interface DatabaseStatus {
  status: ServiceState;
  latencyMs?: number;
  detail?: string;
}

export interface ChainStatus {
  status: ServiceState;
  chainId?: number;
  blockNumber?: number;
  /** ISO 8601 timestamp of the latest block. */
  blockTime?: string;
  latencyMs?: number;
  detail?: string;
}

export interface ContractDeployment {
  name: string;
  address: string;
  deploymentBlock: number;
  txHash: string | null;
}

export interface ChainJobCounts {
  pending: number;
  submitted: number;
  confirmed: number;
  failed: number;
}

export interface StatusFeatures {
  /** False until the API enforces authentication; the portal then runs anonymously. */
  auth: boolean;
}

/** The body of every non-2xx answer of the API. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  details?: unknown;
  requestId: string;
}

/** Body of a paginated list endpoint (`GET /api/v1/<resource>`). */
export interface ListResponse<T> {
  items: T[];
  total: number;
}

/** `POST /api/v1/auth/login` */
export interface LoginRequest {
  email: string;
  password: string;
}

/** `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout` */
export interface RefreshTokenRequest {
  refreshToken: string;
}

/** Answer of `POST /api/v1/auth/login` and `POST /api/v1/auth/refresh`. */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of `accessToken`, in seconds. */
  expiresIn: number;
}

/** `GET /api/v1/auth/me` */
export interface MeResponse {
  id: string;
  email: string;
  name: string;
  organizationId: string;
  organizationName: string;
  roles: string[];
}
