import type { components } from '../api/schema';
import { httpClient } from '../providers/http-client';
import { idempotencyHeader } from '../providers/idempotency-key';

// Aliases of the types generated from the OpenAPI document (`../api/schema`, `npm run api:types`).
type Schemas = components['schemas'];
export type Deal = Schemas['DealDto'];
export type CreateDeal = Schemas['CreateDealDto'];
export type TrancheTerms = Schemas['TrancheTermsDto'];
export type TriggerTerms = Schemas['TriggerTermsDto'];
export type CreditEnhancement = Schemas['CreditEnhancementDto'];
export type DealOffering = Schemas['DealOfferingDto'];
export type Order = Schemas['OrderDto'];
export type Closing = Schemas['ClosingDto'];

const enc = encodeURIComponent;

/** Deals (structuring, subscription windows, allocation). Part of the one data provider. */
export interface DealMethods {
  getDeals(options?: { signal?: AbortSignal }): Promise<Deal[]>;
  getDeal(id: string, options?: { signal?: AbortSignal }): Promise<Deal>;
  /** The pool's deal, or null when it has none yet. */
  getPoolDeal(poolId: string, options?: { signal?: AbortSignal }): Promise<Deal | null>;
  createDeal(poolId: string, body: CreateDeal): Promise<Deal>;
  getDealOfferings(dealId: string, options?: { signal?: AbortSignal }): Promise<DealOffering[]>;
  openSubscription(dealId: string, className: string, closesAt: string): Promise<unknown>;
  getOfferingOrders(offeringId: string, options?: { signal?: AbortSignal }): Promise<Order[]>;
  allocateOffering(offeringId: string): Promise<Order[]>;
  /** The deal's closing, or null when it has not been asked for (404 `CLOSING_NOT_FOUND`). */
  getDealClosing(dealId: string, options?: { signal?: AbortSignal }): Promise<Closing | null>;
  closeDeal(dealId: string): Promise<Closing>;
}

export const dealMethods: DealMethods = {
  async getDeals(options) {
    return (await httpClient<Deal[]>('/api/v1/deals', { signal: options?.signal })).body;
  },
  async getDeal(id, options) {
    return (await httpClient<Deal>(`/api/v1/deals/${enc(id)}`, { signal: options?.signal })).body;
  },
  async getPoolDeal(poolId, options) {
    // from the list rather than `GET /pools/{id}/deal`, whose 404 for "no deal yet" would read as an error
    const deals = (await httpClient<Deal[]>('/api/v1/deals', { signal: options?.signal })).body;
    return deals.find((deal) => deal.poolId === poolId) ?? null;
  },
  async createDeal(poolId, body) {
    return (await httpClient<Deal>(`/api/v1/pools/${enc(poolId)}/deal`, { method: 'POST', body, headers: idempotencyHeader() })).body;
  },
  async getDealOfferings(dealId, options) {
    return (await httpClient<DealOffering[]>(`/api/v1/deals/${enc(dealId)}/offerings`, { signal: options?.signal })).body;
  },
  async openSubscription(dealId, className, closesAt) {
    return (
      await httpClient(`/api/v1/deals/${enc(dealId)}/tranches/${enc(className)}/subscription`, {
        method: 'POST',
        body: { closesAt },
        headers: idempotencyHeader(),
      })
    ).body;
  },
  async getOfferingOrders(offeringId, options) {
    return (await httpClient<Order[]>(`/api/v1/offerings/${enc(offeringId)}/orders`, { signal: options?.signal })).body;
  },
  async allocateOffering(offeringId) {
    return (await httpClient<Order[]>(`/api/v1/offerings/${enc(offeringId)}/allocate`, { method: 'POST', headers: idempotencyHeader() }))
      .body;
  },
  async getDealClosing(dealId, options) {
    try {
      return (await httpClient<Closing>(`/api/v1/deals/${enc(dealId)}/closing`, { signal: options?.signal })).body;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  },
  async closeDeal(dealId) {
    return (await httpClient<Closing>(`/api/v1/deals/${enc(dealId)}/close`, { method: 'POST', headers: idempotencyHeader() })).body;
  },
};
