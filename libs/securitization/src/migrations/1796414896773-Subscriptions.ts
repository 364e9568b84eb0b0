import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Subscriptions1796414896773 implements MigrationInterface {
  name = 'Subscriptions1796414896773';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "tranche_offerings" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "deal_id" uuid NOT NULL, "class_name" text NOT NULL, "size_minor" numeric(38,0) NOT NULL,
      "denomination_minor" numeric(38,0) NOT NULL, "currency" text NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" text NOT NULL,
      "allocated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "PK_tranche_offerings" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_tranche_offerings_class" ON "tranche_offerings" ("deal_id", "class_name")`);
    await q.query(`CREATE TABLE "subscription_orders" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "offering_id" uuid NOT NULL, "investor_org_id" uuid NOT NULL, "amount_minor" numeric(38,0) NOT NULL,
      "allocated_minor" numeric(38,0), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_subscription_orders" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_subscription_orders_investor" ON "subscription_orders" ("offering_id", "investor_org_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "subscription_orders"`);
    await q.query(`DROP TABLE "tranche_offerings"`);
  }
}
