import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Pools1796413624633 implements MigrationInterface {
  name = 'Pools1796413624633';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "pools" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "originator_org_id" uuid NOT NULL, "name" text NOT NULL, "currency" text NOT NULL,
      "cut_off_date" date NOT NULL, "state" text NOT NULL, "criteria" jsonb NOT NULL, "limits" jsonb NOT NULL,
      "asset_count" integer NOT NULL, "balance_minor" numeric(38,0) NOT NULL, "locked_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "ck_pools_balance" CHECK ("balance_minor" >= 0 AND "asset_count" >= 0),
      CONSTRAINT "PK_pools" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_pools_originator" ON "pools" ("originator_org_id")`);
    await q.query(`CREATE TABLE "pool_assets" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "pool_id" uuid NOT NULL, "bill_id" uuid NOT NULL, "token_id" numeric(78,0) NOT NULL,
      "seller_org_id" uuid NOT NULL, "obligor_org_id" uuid NOT NULL, "face_amount_minor" numeric(38,0) NOT NULL, "currency" text NOT NULL,
      "issue_date" date NOT NULL, "due_date" date NOT NULL, "fingerprint" text NOT NULL,
      "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "released_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "ck_pool_assets_amount_positive" CHECK ("face_amount_minor" > 0),
      CONSTRAINT "PK_pool_assets" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_pool_assets_pool" ON "pool_assets" ("pool_id", "obligor_org_id")`);
    // a bill is in at most one pool at a time, whatever the application does
    await q.query(`CREATE UNIQUE INDEX "uq_pool_assets_live_bill" ON "pool_assets" ("bill_id") WHERE "released_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "pool_assets"`);
    await q.query(`DROP TABLE "pools"`);
  }
}
