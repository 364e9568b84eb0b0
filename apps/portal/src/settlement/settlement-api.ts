import type { Balance } from '../bills/bill-types';
import { httpClient } from '../providers/http-client';

/** Settlement token balances. Part of the one data provider. */
export interface SettlementMethods {
  /** `GET /settlement/organizations/:id/balances`: the on-chain balance per currency. */
  getBalances(organizationId: string, options?: { signal?: AbortSignal }): Promise<Balance[]>;
}

export const settlementMethods: SettlementMethods = {
  async getBalances(organizationId, options = {}) {
    const path = `/api/v1/settlement/organizations/${encodeURIComponent(organizationId)}/balances`;
    return (await httpClient<Balance[]>(path, { signal: options.signal })).body;
  },
};
