import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChainFoundation1763760000000 implements MigrationInterface {
  name = 'ChainFoundation1763760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "chain_jobs" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "idempotency_key" text NOT NULL,
      "kind" text NOT NULL,
      "payload" jsonb NOT NULL,
      "status" text NOT NULL,
      "chain_id" integer NOT NULL,
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "locked_by" text,
      "locked_until" TIMESTAMP WITH TIME ZONE,
      "from_address" text,
      "to_address" text,
      "nonce" numeric(78,0),
      "tx_hash" text,
      "block_number" bigint,
      "block_hash" text,
      "gas_used" numeric(78,0),
      "effective_gas_price" numeric(78,0),
      "revert_reason" text,
      "last_error" text,
      "submitted_at" TIMESTAMP WITH TIME ZONE,
      "finished_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "version" integer NOT NULL,
      CONSTRAINT "UQ_chain_jobs_idempotency_key" UNIQUE ("idempotency_key"),
      CONSTRAINT "PK_chain_jobs" PRIMARY KEY ("id"),
      CONSTRAINT "ck_chain_jobs_status" CHECK ("status" IN ('PENDING','SUBMITTED','CONFIRMED','FAILED')),
      CONSTRAINT "ck_chain_jobs_submitted_has_tx" CHECK ("status" <> 'SUBMITTED' OR ("tx_hash" IS NOT NULL AND "nonce" IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX "ix_chain_jobs_due" ON "chain_jobs" ("status", "next_attempt_at")`);
    await q.query(`CREATE TABLE "chain_tx_attempts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "job_id" uuid NOT NULL,
      "nonce" numeric(78,0) NOT NULL,
      "tx_hash" text NOT NULL,
      "raw_tx" text NOT NULL,
      "gas_limit" numeric(78,0) NOT NULL,
      "max_fee_per_gas" numeric(78,0) NOT NULL,
      "max_priority_fee_per_gas" numeric(78,0) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_chain_tx_attempts_tx_hash" UNIQUE ("tx_hash"),
      CONSTRAINT "PK_chain_tx_attempts" PRIMARY KEY ("id"),
      CONSTRAINT "fk_chain_tx_attempts_job" FOREIGN KEY ("job_id") REFERENCES "chain_jobs"("id") ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX "ix_chain_tx_attempts_job" ON "chain_tx_attempts" ("job_id")`);
    // attempts are history: the database refuses (tally_refuse_change comes from CoreFoundation) to rewrite or delete them
    await q.query(`CREATE TRIGGER "trg_chain_tx_attempts_append_only" BEFORE UPDATE OR DELETE ON "chain_tx_attempts"
      FOR EACH ROW EXECUTE FUNCTION "tally_refuse_change"()`);
    await q.query(`CREATE TABLE "chain_nonces" (
      "chain_id" integer NOT NULL,
      "address" text NOT NULL,
      "next_nonce" numeric(78,0) NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_chain_nonces" PRIMARY KEY ("chain_id", "address")
    )`);
    await q.query(`CREATE TABLE "chain_deployments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "chain_id" integer NOT NULL,
      "name" text NOT NULL,
      "address" text NOT NULL,
      "deployment_block" bigint NOT NULL,
      "tx_hash" text,
      "code_hash" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "version" integer NOT NULL,
      CONSTRAINT "uq_chain_deployments_chain_name" UNIQUE ("chain_id", "name"),
      CONSTRAINT "PK_chain_deployments" PRIMARY KEY ("id")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "chain_deployments"`);
    await q.query(`DROP TABLE "chain_nonces"`);
    await q.query(`DROP TRIGGER "trg_chain_tx_attempts_append_only" ON "chain_tx_attempts"`);
    await q.query(`DROP TABLE "chain_tx_attempts"`);
    await q.query(`DROP INDEX "ix_chain_jobs_due"`);
    await q.query(`DROP TABLE "chain_jobs"`);
  }
}
