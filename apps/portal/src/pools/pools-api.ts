import type { components } from '../api/schema';
import { assertOk, rawFetch, saveResponseAs } from '../bills/raw-transport';
import { httpClient } from '../providers/http-client';
import { idempotencyHeader } from '../providers/idempotency-key';

// Aliases of the types generated from the OpenAPI document (`../api/schema`, `npm run api:types`).
type Schemas = components['schemas'];
export type Pool = Schemas['PoolDto'];
export type PoolAsset = Schemas['PoolAssetDto'];
export type CreatePool = Schemas['CreatePoolDto'];
export type AddPoolBillsResult = Schemas['AddPoolBillsResultDto'];
export type PoolBillResult = Schemas['PoolBillResultDto'];
export type PoolAnalytics = Schemas['PoolAnalyticsDto'];

/** `tally-asset-proof/1` (`GET /pools/{id}/assets/{billId}/proof`; libs/securitization/src/tape/asset-proof.ts). */
export interface AssetProof {
  format: 'tally-asset-proof/1';
  poolId: string;
  billId: string;
  chainId: number;
  documentAnchor: string;
  batchId: string;
  root: string;
  leafEncoding: string[];
  leafFields: string[];
  value: string[];
  leaf: string;
  proof: string[];
  anchor: { jobId: string; status: string; txHash: string | null; blockNumber: string | null };
}

/** The answer of the cut-off lock (the tape's summary). */
export interface PoolTape {
  root: string;
  csvSha256: string;
  assetCount: number;
  balanceMinor: string;
}

/** The tape downloads the API offers (`GET /pools/{id}/tape.csv`, `GET /pools/{id}/tape`, `GET /pools/{id}/tape.pdf`). */
export type TapeFormat = 'csv' | 'json' | 'pdf';
/** The tape's downloads: the canonical CSV, the JSON, and the PDF summary (all anchored at the cut-off). */
const TAPE_PATHS: Record<TapeFormat, string> = { csv: '/tape.csv', json: '/tape', pdf: '/tape.pdf' };
const TAPE_TYPES: Record<TapeFormat, string> = { csv: 'text/csv', json: 'application/json', pdf: 'application/pdf' };

const POOLS = '/api/v1/pools';
const path = (id: string, rest = '') => `${POOLS}/${encodeURIComponent(id)}${rest}`;

/** Pools (securitization). Part of the one data provider. */
export interface PoolMethods {
  getPools(options?: { signal?: AbortSignal }): Promise<Pool[]>;
  getPool(id: string, options?: { signal?: AbortSignal }): Promise<Pool>;
  createPool(body: CreatePool): Promise<Pool>;
  getPoolAssets(id: string, options?: { signal?: AbortSignal }): Promise<PoolAsset[]>;
  /**
   * `POST /pools/{id}/bills`: the per-bill answers. When no bill at all is added the API answers
   * 409 POOL_ADDITION_REFUSED with the same per-bill answers in `details.results`: they are
   * returned here too (added = 0), so the page names every refusal either way.
   */
  addPoolBills(id: string, billIds: string[]): Promise<AddPoolBillsResult>;
  getPoolAnalytics(id: string, options?: { signal?: AbortSignal }): Promise<PoolAnalytics>;
  lockPool(id: string): Promise<PoolTape>;
  /** Saves the tape file as the API serves it; answers the file name. */
  downloadPoolTape(id: string, format: TapeFormat, fallbackName: string): Promise<string>;
  getAssetProof(poolId: string, billId: string): Promise<AssetProof>;
}

export const poolMethods: PoolMethods = {
  async getPools(options) {
    return (await httpClient<Pool[]>(POOLS, { signal: options?.signal })).body;
  },
  async getPool(id, options) {
    return (await httpClient<Pool>(path(id), { signal: options?.signal })).body;
  },
  async createPool(body) {
    return (await httpClient<Pool>(POOLS, { method: 'POST', body, headers: idempotencyHeader() })).body;
  },
  async getPoolAssets(id, options) {
    return (await httpClient<PoolAsset[]>(path(id, '/assets'), { signal: options?.signal })).body;
  },
  async addPoolBills(id, billIds) {
    const response = await rawFetch(path(id, '/bills'), {
      method: 'POST',
      body: JSON.stringify({ billIds }),
      headers: { 'Content-Type': 'application/json', ...idempotencyHeader() },
    });
    if (response.status === 409) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as {
        code?: string;
        details?: { results?: PoolBillResult[] };
      } | null;
      const results = body?.code === 'POOL_ADDITION_REFUSED' ? body.details?.results : undefined;
      if (results) return { added: 0, refused: results.length, assetCount: -1, balanceMinor: '', results };
    }
    return (await (await assertOk(response)).json()) as AddPoolBillsResult;
  },
  async getPoolAnalytics(id, options) {
    return (await httpClient<PoolAnalytics>(path(id, '/analytics'), { signal: options?.signal })).body;
  },
  async lockPool(id) {
    return (await httpClient<PoolTape>(path(id, '/lock'), { method: 'POST', headers: idempotencyHeader() })).body;
  },
  async downloadPoolTape(id, format, fallbackName) {
    const response = await assertOk(
      await rawFetch(path(id, TAPE_PATHS[format]), {
        headers: { Accept: TAPE_TYPES[format] },
      }),
    );
    return saveResponseAs(response, fallbackName);
  },
  async getAssetProof(poolId, billId) {
    return (await httpClient<AssetProof>(path(poolId, `/assets/${encodeURIComponent(billId)}/proof`))).body;
  },
};
