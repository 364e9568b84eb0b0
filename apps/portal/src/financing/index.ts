export { Marketplace } from './marketplace';

/** Route of the financing marketplace (a custom route: it is not a list of records). */
export const MARKETPLACE_PATH = '/financing/marketplace';
