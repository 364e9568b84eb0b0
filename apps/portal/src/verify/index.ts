/** The public verify page (no login): `#/verify`, `#/verify?sha256=0x…` (what certificate QR codes open). */
export const VERIFY_PATH = '/verify';
export { VerifyPage } from './verify-page';
