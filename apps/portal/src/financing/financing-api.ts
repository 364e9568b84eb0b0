import type { Financing, MakeOfferRequest, MarketplaceItem, Offer } from '../bills/bill-types';
import { httpClient } from '../providers/http-client';
import { idempotencyHeader } from '../providers/idempotency-key';

/**
 * The financing marketplace: open requests for financiers, their offers (the server computes the
 * quote exactly), and the holder's acceptance (DvP on chain). Part of the one data provider.
 */
export interface FinancingMethods {
  /** `GET /bills/marketplace`: open requests on bills the caller does not hold (financiers only). */
  getMarketplace(options?: { signal?: AbortSignal }): Promise<MarketplaceItem[]>;
  makeOffer(requestId: string, body: MakeOfferRequest, options?: { idempotencyKey?: string }): Promise<Offer>;
  /** The holder accepts: settlement tokens to the holder and the bill to the financier, atomically. */
  acceptOffer(offerId: string, options?: { idempotencyKey?: string }): Promise<Financing>;
}

const API_PREFIX = '/api/v1';

export const financingMethods: FinancingMethods = {
  async getMarketplace(options = {}) {
    return (await httpClient<MarketplaceItem[]>(`${API_PREFIX}/bills/marketplace`, { signal: options.signal })).body;
  },
  async makeOffer(requestId, body, options = {}) {
    const path = `${API_PREFIX}/financing/requests/${encodeURIComponent(requestId)}/offers`;
    return (await httpClient<Offer>(path, { method: 'POST', body, headers: idempotencyHeader(options) })).body;
  },
  async acceptOffer(offerId, options = {}) {
    const path = `${API_PREFIX}/financing/offers/${encodeURIComponent(offerId)}/accept`;
    return (await httpClient<Financing>(path, { method: 'POST', body: {}, headers: idempotencyHeader(options) })).body;
  },
};
