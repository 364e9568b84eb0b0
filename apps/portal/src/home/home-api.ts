import type { components } from '../api/schema';
import { httpClient } from '../providers/http-client';

type Schemas = components['schemas'];

/** `GET /financing/portfolio`: the caller's outstanding financed bills per currency. */
export type FinancierPortfolio = Schemas['FinancierPortfolioDto'];
/** `GET /investors/:id/portfolio`: tranche holdings and distributions received. */
export type InvestorPortfolio = Schemas['InvestorPortfolioDto'];

/** The figures of the role home pages that are not lists of a resource. Part of the one data provider. */
export interface HomeMethods {
  getFinancierPortfolio(options?: { signal?: AbortSignal }): Promise<FinancierPortfolio[]>;
  getInvestorPortfolio(organizationId: string, options?: { signal?: AbortSignal }): Promise<InvestorPortfolio>;
}

export const homeMethods: HomeMethods = {
  async getFinancierPortfolio(options = {}) {
    return (await httpClient<FinancierPortfolio[]>('/api/v1/financing/portfolio', { signal: options.signal })).body;
  },
  async getInvestorPortfolio(organizationId, options = {}) {
    return (await httpClient<InvestorPortfolio>(`/api/v1/investors/${encodeURIComponent(organizationId)}/portfolio`, { signal: options.signal })).body;
  },
};
