/** Routes of the deal pages (custom routes). */
export const DEALS_PATH = '/deals';
export const dealPath = (id: string) => `/deals/${id}`;
/** Structuring happens on a cut-off pool: the deal is created from it. */
export const dealCreatePath = (poolId: string) => `/pools/${poolId}/deal/create`;
