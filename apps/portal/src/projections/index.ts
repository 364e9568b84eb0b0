export { ProjectionsPage } from './projections-page';
export { projectionMethods, type ProjectionMethods } from './projections-api';

/** Route of the projections page. */
export const PROJECTIONS_PATH = '/projections';
