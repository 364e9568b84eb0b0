/** Routes of the servicing pages (custom routes). */
export const SERVICING_PATH = '/servicing';
export const runPath = (id: string) => `/servicing/runs/${id}`;
