import type { ValueTransformer } from 'typeorm';

/** Maps `numeric(38,0)` (returned by pg as a string) to bigint and back; never via a float. */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};

/** Column options for a money amount in minor units. */
export const moneyColumn = { type: 'numeric', precision: 38, scale: 0, transformer: bigintTransformer } as const;
