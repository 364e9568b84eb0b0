import type {
  CreateResult,
  DataProvider,
  DeleteParams,
  DeleteResult,
  GetListResult,
  GetManyResult,
  GetOneResult,
  Identifier,
  RaRecord,
  UpdateResult,
} from 'react-admin';
import type { ListResponse, StatusResponse } from '../api/types';
import { httpClient } from './http-client';
import { idempotencyHeader } from './idempotency-key';
import { identityMethods, type IdentityMethods } from './identity-api';
import { billMethods, type BillMethods } from '../bills/bills-api';
import { financingMethods, type FinancingMethods } from '../financing/financing-api';
import { settlementMethods, type SettlementMethods } from '../settlement/settlement-api';
import { projectionMethods, type ProjectionMethods } from '../projections/projections-api';
import { counterpartyMethods, type CounterpartyMethods } from '../organizations/counterparties-api';
import { kycFileMethods, type KycFileMethods } from '../organizations/kyc-documents-api';
import { poolMethods, type PoolMethods } from '../pools/pools-api';
import { dealMethods, type DealMethods } from '../deals/deals-api';
import { offeringMethods, type OfferingMethods } from '../offerings/offerings-api';
import { homeMethods, type HomeMethods } from '../home/home-api';
import { servicingMethods, type ServicingMethods } from '../servicing/servicing-api';

const API_PREFIX = '/api/v1';
/** Lists whose endpoint takes `?sort=<field>&order=ASC|DESC` (`GET /bills`). */
const SORTABLE = new Set(['bills']);

/** Endpoints that are not records of a resource, reached through the same provider. */
export interface TallyDataProvider extends DataProvider, IdentityMethods, BillMethods, FinancingMethods, SettlementMethods, ProjectionMethods, CounterpartyMethods, KycFileMethods, PoolMethods, DealMethods, OfferingMethods, HomeMethods, ServicingMethods {
  getStatus(params?: { signal?: AbortSignal }): Promise<StatusResponse>;
}

/** `GET /api/v1/status`; also used by the auth provider to read `features`. */
export async function fetchStatus(signal?: AbortSignal): Promise<StatusResponse> {
  const { body } = await httpClient<StatusResponse>(`${API_PREFIX}/status`, { signal });
  return body;
}

/**
 * The one react-admin DataProvider of the portal; all transport goes through `httpClient`.
 *
 * - list: `GET /api/v1/<resource>?page=&pageSize=&<filters>` → `{ items, total }`; a list whose
 *   records are keyed by another field passes `meta: { idField }` (the audit log's `seq`)
 * - one: `GET /api/v1/<resource>/:id`; many: one `GET` per id (see getMany)
 * - create `POST`, update `PATCH` (changed fields only), delete `DELETE`
 * - every mutating call carries a fresh `Idempotency-Key`; pass `meta.idempotencyKey` to reuse
 *   one when the user retries the same command.
 */
export const dataProvider: TallyDataProvider = {
  supportAbortSignal: true,

  // RecordType is the caller's statement about the resource; the provider passes records through.
  async getList<RecordType extends RaRecord>(
    resource: string,
    params: Parameters<DataProvider['getList']>[1],
  ): Promise<GetListResult<RecordType>> {
    const query = new URLSearchParams();
    if (params.pagination) {
      query.set('page', String(params.pagination.page));
      query.set('pageSize', String(params.pagination.perPage));
    }
    // Sort parameters only for the lists the API sorts (SORTABLE): the others have a fixed order
    // and their validation refuses unknown query fields (400), so they disable column sorting.
    if (SORTABLE.has(resource) && params.sort?.field) {
      query.set('sort', params.sort.field);
      query.set('order', params.sort.order === 'DESC' ? 'DESC' : 'ASC');
    }
    appendFilter(query, params.filter);
    const { body } = await httpClient<ListResponse<RecordType>>(resourcePath(resource), {
      query,
      signal: params.signal,
    });
    assertListResponse<RecordType>(resource, body);
    const idField = (params.meta as { idField?: string } | undefined)?.idField;
    const data = idField
      ? body.items.map((item) => ({ ...item, id: (item as Record<string, unknown>)[idField] }))
      : body.items;
    return { data: data as RecordType[], total: body.total };
  },

  async getOne<RecordType extends RaRecord>(
    resource: string,
    params: Parameters<DataProvider['getOne']>[1],
  ): Promise<GetOneResult<RecordType>> {
    const { body } = await httpClient<RecordType>(recordPath(resource, params.id), {
      signal: params.signal,
    });
    return { data: body };
  },

  // One GET per id: correct against any resource that has getOne. react-admin already batches
  // the ids of a page into a single getMany, so this is a handful of parallel requests; switch
  // to `?id=..&id=..` once the API's list endpoints accept an id filter.
  async getMany<RecordType extends RaRecord>(
    resource: string,
    params: Parameters<DataProvider['getMany']>[1],
  ): Promise<GetManyResult<RecordType>> {
    const data = await Promise.all(
      params.ids.map(async (id) => {
        const { body } = await httpClient<RecordType>(recordPath(resource, id), {
          signal: params.signal,
        });
        return body;
      }),
    );
    return { data };
  },

  async getManyReference(resource, params) {
    return dataProvider.getList(resource, {
      pagination: params.pagination,
      sort: params.sort,
      filter: { ...params.filter, [params.target]: params.id },
      meta: params.meta,
      signal: params.signal,
    });
  },

  async create<_RecordType extends Omit<RaRecord, 'id'>, ResultRecordType extends RaRecord>(
    resource: string,
    params: Parameters<DataProvider['create']>[1],
  ): Promise<CreateResult<ResultRecordType>> {
    const { body } = await httpClient<ResultRecordType>(resourcePath(resource), {
      method: 'POST',
      body: params.data,
      headers: idempotencyHeader(params.meta),
    });
    return { data: body };
  },

  async update<RecordType extends RaRecord>(
    resource: string,
    params: Parameters<DataProvider['update']>[1],
  ): Promise<UpdateResult<RecordType>> {
    const { body } = await httpClient<RecordType>(recordPath(resource, params.id), {
      method: 'PATCH',
      body: changedFields(params.data, params.previousData),
      headers: idempotencyHeader(params.meta),
    });
    return { data: body };
  },

  async updateMany(resource, params) {
    await Promise.all(
      params.ids.map((id) =>
        httpClient(recordPath(resource, id), {
          method: 'PATCH',
          body: params.data,
          headers: idempotencyHeader(),
        }),
      ),
    );
    return { data: params.ids };
  },

  async delete<RecordType extends RaRecord>(
    resource: string,
    params: DeleteParams<RecordType>,
  ): Promise<DeleteResult<RecordType>> {
    const { body } = await httpClient<RecordType | null>(recordPath(resource, params.id), {
      method: 'DELETE',
      headers: idempotencyHeader(params.meta),
    });
    // A 204 has no body; react-admin still wants the deleted record back, and always passes
    // previousData from its hooks, so the bare id is only a last resort.
    return { data: body ?? params.previousData ?? ({ id: params.id } as RecordType) };
  },

  async deleteMany(resource, params) {
    await Promise.all(
      params.ids.map((id) =>
        httpClient(recordPath(resource, id), { method: 'DELETE', headers: idempotencyHeader() }),
      ),
    );
    return { data: params.ids };
  },

  getStatus(params) {
    return fetchStatus(params?.signal);
  },

  ...identityMethods,
  ...billMethods,
  ...financingMethods,
  ...settlementMethods,
  ...projectionMethods,
  ...counterpartyMethods,
  ...kycFileMethods,
  ...poolMethods,
  ...dealMethods,
  ...offeringMethods,
  ...homeMethods,
  ...servicingMethods,
};

function resourcePath(resource: string): string {
  // Not encoded: a resource name may hold a slash on purpose ("bills/financings").
  return `${API_PREFIX}/${resource}`;
}

function recordPath(resource: string, id: Identifier): string {
  return `${resourcePath(resource)}/${encodeURIComponent(String(id))}`;
}

/** Flat filters become query parameters; arrays repeat the key (`status=a&status=b`). */
function appendFilter(query: URLSearchParams, filter: Record<string, unknown> | undefined): void {
  for (const [key, value] of Object.entries(filter ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null || item === '') continue;
      query.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
}

function assertListResponse<RecordType>(
  resource: string,
  body: unknown,
): asserts body is ListResponse<RecordType> {
  const list = body as Partial<ListResponse<RecordType>> | null;
  if (!list || !Array.isArray(list.items) || typeof list.total !== 'number') {
    throw new Error(`GET ${resourcePath(resource)} did not answer { items, total }`);
  }
}

// PATCH is a partial update: sending the whole record would also send read-only fields (id,
// timestamps) that a whitelisting API rejects.
function changedFields(
  data: Record<string, unknown>,
  previousData: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'id') continue;
    if (previousData && key in previousData && sameValue(value, previousData[key])) continue;
    changed[key] = value;
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
