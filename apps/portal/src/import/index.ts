export { UblImportPage } from './ubl-import-page';

/** Route of the UBL import page (not under `/bills`, whose sub-paths are bill ids). */
export const UBL_IMPORT_PATH = '/import';
