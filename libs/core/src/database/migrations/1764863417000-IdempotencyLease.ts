import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An in-progress idempotency key holds a lease; a retry after it takes the key over (or gets the committed answer). */
export class IdempotencyLease1764863417000 implements MigrationInterface {
  name = 'IdempotencyLease1764863417000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "idempotency_keys" ADD "lease_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE "idempotency_keys" ADD "attempt" integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "attempt"`);
    await q.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "lease_expires_at"`);
  }
}
