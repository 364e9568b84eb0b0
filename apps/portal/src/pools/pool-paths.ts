/** Routes of the pool pages (custom routes: `GET /pools` is not a paged list of records). */
export const POOLS_PATH = '/pools';
export const POOL_CREATE_PATH = '/pools/create';
export const poolPath = (id: string) => `/pools/${id}`;
