export { PoolList } from './pool-list';
export { PoolCreate } from './pool-create';
export { PoolShow } from './pool-show';
export { poolMethods, type PoolMethods } from './pools-api';
export { POOLS_PATH, POOL_CREATE_PATH, poolPath } from './pool-paths';
