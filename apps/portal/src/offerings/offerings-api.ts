import type { components } from '../api/schema';
import { httpClient } from '../providers/http-client';
import { idempotencyHeader } from '../providers/idempotency-key';

type Schemas = components['schemas'];
export type Offering = Schemas['OfferingDto'];
export type InvestorOrder = Schemas['InvestorOrderDto'];

/** The investor's side of subscriptions. Part of the one data provider. */
export interface OfferingMethods {
  /** `GET /offerings`: tranches in their subscription window. */
  getOpenOfferings(options?: { signal?: AbortSignal }): Promise<Offering[]>;
  placeOrder(offeringId: string, amountMinor: string): Promise<unknown>;
  /** `GET /orders`: the organization's orders with their offerings and allocations. */
  getMyOrders(options?: { signal?: AbortSignal }): Promise<InvestorOrder[]>;
}

export const offeringMethods: OfferingMethods = {
  async getOpenOfferings(options) {
    return (await httpClient<Offering[]>('/api/v1/offerings', { signal: options?.signal })).body;
  },
  async placeOrder(offeringId, amountMinor) {
    return (
      await httpClient(`/api/v1/offerings/${encodeURIComponent(offeringId)}/orders`, {
        method: 'POST',
        body: { amountMinor },
        headers: idempotencyHeader(),
      })
    ).body;
  },
  async getMyOrders(options) {
    return (await httpClient<InvestorOrder[]>('/api/v1/orders', { signal: options?.signal })).body;
  },
};
