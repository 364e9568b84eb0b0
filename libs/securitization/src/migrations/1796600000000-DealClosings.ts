import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DealClosings1796600000000 implements MigrationInterface {
  name = 'DealClosings1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "deal_closings" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "deal_id" uuid NOT NULL, "pool_id" uuid NOT NULL, "originator_org_id" uuid NOT NULL,
      "requested_by_user_id" uuid NOT NULL, "state" text NOT NULL, "failure_reason" text, "currency" text NOT NULL,
      "purchase_price_minor" numeric(38,0) NOT NULL, "reserve_minor" numeric(38,0) NOT NULL, "proceeds_minor" numeric(38,0) NOT NULL,
      "originator_wallet" text NOT NULL, "vault_address" text, "dvp_address" text, "tranche_tokens" jsonb NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "PK_deal_closings" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_deal_closings_deal" ON "deal_closings" ("deal_id")`);
    await q.query(`CREATE TABLE "deal_closing_steps" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "closing_id" uuid NOT NULL, "key" text NOT NULL, "kind" text NOT NULL, "depends_on" text array NOT NULL,
      "spec" jsonb NOT NULL, "state" text NOT NULL, "job_id" uuid, "tx_hash" text, "gas_used" numeric(78,0), "bill_count" integer NOT NULL DEFAULT 0,
      "failure_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_deal_closing_steps" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_deal_closing_steps_key" ON "deal_closing_steps" ("closing_id", "key")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "deal_closing_steps"`);
    await q.query(`DROP TABLE "deal_closings"`);
  }
}
