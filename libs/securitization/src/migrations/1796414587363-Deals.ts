import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Deals1796414587363 implements MigrationInterface {
  name = 'Deals1796414587363';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "deals" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "pool_id" uuid NOT NULL, "arranger_org_id" uuid NOT NULL, "name" text NOT NULL,
      "currency" text NOT NULL, "state" text NOT NULL, "terms" jsonb NOT NULL, "structure" jsonb NOT NULL, "engine_dates" jsonb NOT NULL,
      "deal_status_at_start" jsonb NOT NULL, "credit_enhancement" jsonb NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "PK_deals" PRIMARY KEY ("id"))`);
    // one deal per pool
    await q.query(`CREATE UNIQUE INDEX "uq_deals_pool" ON "deals" ("pool_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "deals"`);
  }
}
