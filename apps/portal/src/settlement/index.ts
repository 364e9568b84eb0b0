export { BalancesPage } from './balances-page';

/** Route of the settlement balances page. */
export const BALANCES_PATH = '/settlement/balances';
