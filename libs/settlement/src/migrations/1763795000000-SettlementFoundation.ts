import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SettlementFoundation1763795000000 implements MigrationInterface {
  name = 'SettlementFoundation1763795000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "settlement_movements" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "organization_id" uuid NOT NULL, "wallet" text NOT NULL,
      "amount_minor" numeric(38,0) NOT NULL, "currency" text NOT NULL, "reference" text NOT NULL, "state" text NOT NULL,
      "chain_job_id" uuid, "failure_reason" text, "recorded_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "UQ_settlement_movements_reference" UNIQUE ("reference"),
      CONSTRAINT "ck_settlement_movements_amount" CHECK ("amount_minor" > 0),
      CONSTRAINT "PK_settlement_movements" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_settlement_movements_org" ON "settlement_movements" ("organization_id", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "settlement_movements"`);
  }
}
