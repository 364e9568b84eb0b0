import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1763770000000 implements MigrationInterface {
  name = 'IdempotencyKeys1763770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "idempotency_keys" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "scope" text NOT NULL,
      "key" text NOT NULL,
      "request_hash" text NOT NULL,
      "state" text NOT NULL,
      "response_status" integer,
      "response_body" jsonb,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_idempotency_keys_scope_key" UNIQUE ("scope", "key"),
      CONSTRAINT "PK_idempotency_keys" PRIMARY KEY ("id")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "idempotency_keys"`);
  }
}
