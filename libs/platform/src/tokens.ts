/** The started runtime (database URL, chain context) as a Nest provider. */
export const RUNTIME = Symbol('RUNTIME');
