import type { OrganizationRole } from '../api/identity-types';
import { httpClient } from '../providers/http-client';

/** An approved participant as every participant sees it (`GET /counterparties`). */
export interface Counterparty {
  id: string;
  legalName: string;
  roles: OrganizationRole[];
}

/** The counterparty directory: names and ids of approved participants. Part of the one data provider. */
export interface CounterpartyMethods {
  getCounterparties(options?: { signal?: AbortSignal }): Promise<Counterparty[]>;
}

export const counterpartyMethods: CounterpartyMethods = {
  async getCounterparties(options = {}) {
    return (await httpClient<Counterparty[]>('/api/v1/counterparties', { signal: options.signal })).body;
  },
};
