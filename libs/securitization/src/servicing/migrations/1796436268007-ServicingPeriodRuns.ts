import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServicingPeriodRuns1796436268007 implements MigrationInterface {
  name = 'ServicingPeriodRuns1796436268007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "servicing_period_runs" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "deal_id" uuid NOT NULL, "period" integer NOT NULL, "currency" text NOT NULL,
      "distribution_date" text NOT NULL, "record_date" text NOT NULL, "state" text NOT NULL, "deal_hash" text NOT NULL, "input_hash" text NOT NULL,
      "input" jsonb NOT NULL, "result" jsonb NOT NULL, "total_distributed_minor" numeric(38,0) NOT NULL, "vault_address" text NOT NULL,
      "proposed_by_user_id" uuid NOT NULL, "proposed_by_org_id" uuid NOT NULL, "decided_by_user_id" uuid, "decided_by_org_id" uuid,
      "decided_at" TIMESTAMP WITH TIME ZONE, "reject_reason" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "PK_servicing_period_runs" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_servicing_period_runs_deal_period" ON "servicing_period_runs" ("deal_id", "period") WHERE "state" <> 'REJECTED'`);
    await q.query(`CREATE INDEX "ix_servicing_period_runs_deal" ON "servicing_period_runs" ("deal_id", "created_at")`);
    await q.query(`CREATE TABLE "servicing_payouts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "tranche" text NOT NULL, "holder" text NOT NULL,
      "interest_minor" numeric(38,0) NOT NULL, "principal_minor" numeric(38,0) NOT NULL, "amount_minor" numeric(38,0) NOT NULL,
      "payment_id" text NOT NULL, "chain_job_id" uuid, "state" text NOT NULL, "tx_hash" text, "failure_reason" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_servicing_payouts" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_servicing_payouts_holder" ON "servicing_payouts" ("run_id", "tranche", "holder")`);
    await q.query(`CREATE UNIQUE INDEX "uq_servicing_payouts_payment_id" ON "servicing_payouts" ("payment_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "servicing_payouts"`);
    await q.query(`DROP TABLE "servicing_period_runs"`);
  }
}
