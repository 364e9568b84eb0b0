export { DealList } from './deal-list';
export { DealCreate } from './deal-create';
export { DealShow } from './deal-show';
export { dealMethods, type DealMethods } from './deals-api';
export { DEALS_PATH, dealPath, dealCreatePath } from './deal-paths';
