export { ServicingPage } from './run-list';
export { RunShow } from './run-show';
export { servicingMethods, type ServicingMethods } from './servicing-api';
export { SERVICING_PATH, runPath } from './servicing-paths';
