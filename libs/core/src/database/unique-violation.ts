import { QueryFailedError } from 'typeorm';

/** PostgreSQL refused a row for a unique constraint (23505), optionally a named one. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return err instanceof QueryFailedError && code === '23505' && (!constraint || name === constraint);
}
