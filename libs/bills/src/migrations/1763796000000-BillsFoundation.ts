import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BillsFoundation1763796000000 implements MigrationInterface {
  name = 'BillsFoundation1763796000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "bills" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "supplier_org_id" uuid NOT NULL, "buyer_org_id" uuid NOT NULL, "holder_org_id" uuid NOT NULL,
      "invoice_number" text NOT NULL, "face_amount_minor" numeric(38,0) NOT NULL, "currency" text NOT NULL, "issue_date" date NOT NULL, "due_date" date NOT NULL,
      "state" text NOT NULL, "encumbrance" text NOT NULL DEFAULT 'NONE', "fingerprint" text NOT NULL, "parent_bill_id" uuid, "document_id" uuid,
      "document_sha256" text, "chain_status" text NOT NULL, "token_id" numeric(78,0) NOT NULL, "acceptance_signature" text,
      "accepted_at" TIMESTAMP WITH TIME ZONE, "paid_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "pending_action" text, "pending_job_id" uuid,
      "superseded_at" TIMESTAMP WITH TIME ZONE, "auto_debit" boolean NOT NULL DEFAULT false,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "UQ_bills_fingerprint" UNIQUE ("fingerprint"),
      CONSTRAINT "ck_bills_amount_positive" CHECK ("face_amount_minor" > 0),
      CONSTRAINT "ck_bills_dates" CHECK ("due_date" >= "issue_date"),
      CONSTRAINT "PK_bills" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_bills_holder" ON "bills" ("holder_org_id", "state")`);
    await q.query(`CREATE INDEX "ix_bills_supplier" ON "bills" ("supplier_org_id")`);
    await q.query(`CREATE INDEX "ix_bills_buyer" ON "bills" ("buyer_org_id")`);
    await q.query(`CREATE TABLE "bill_events" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "bill_id" uuid NOT NULL, "action" text NOT NULL, "actor_user_id" uuid, "actor_org_id" uuid,
      "chain_job_id" uuid, "tx_hash" text, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_bill_events" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_bill_events_bill" ON "bill_events" ("bill_id", "created_at")`);
    await q.query(`CREATE TRIGGER "trg_bill_events_append_only" BEFORE UPDATE OR DELETE ON "bill_events" FOR EACH ROW EXECUTE FUNCTION "tally_refuse_change"()`);
    await q.query(`CREATE TABLE "bill_duplicate_alerts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "fingerprint" text NOT NULL, "existing_bill_id" uuid NOT NULL, "attempted_by_org_id" uuid NOT NULL,
      "attempted_by_user_id" uuid, "document_sha256" text, "source" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_bill_duplicate_alerts" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "financing_requests" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "bill_id" uuid NOT NULL, "requested_by_org_id" uuid NOT NULL, "state" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "PK_financing_requests" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_financing_requests_bill" ON "financing_requests" ("bill_id")`);
    await q.query(`CREATE TABLE "financing_offers" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "bill_id" uuid NOT NULL, "financier_org_id" uuid NOT NULL,
      "advance_rate_bps" integer NOT NULL, "annual_discount_rate_bps" integer NOT NULL, "fees_minor" numeric(38,0) NOT NULL, "day_count" text NOT NULL,
      "value_date" date NOT NULL, "tenor_days" integer NOT NULL, "advance_amount_minor" numeric(38,0) NOT NULL, "discount_minor" numeric(38,0) NOT NULL,
      "net_proceeds_minor" numeric(38,0) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "ck_financing_offers_rates" CHECK ("advance_rate_bps" BETWEEN 1 AND 10000 AND "annual_discount_rate_bps" BETWEEN 0 AND 100000),
      CONSTRAINT "PK_financing_offers" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_financing_offers_request" ON "financing_offers" ("request_id")`);
    await q.query(`CREATE TABLE "financings" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "bill_id" uuid NOT NULL, "offer_id" uuid NOT NULL, "seller_org_id" uuid NOT NULL,
      "financier_org_id" uuid NOT NULL, "price_minor" numeric(38,0) NOT NULL, "currency" text NOT NULL, "state" text NOT NULL, "chain_job_id" uuid,
      "failure_reason" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "PK_financings" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_financings_live_per_bill" ON "financings" ("bill_id") WHERE "state" IN ('SETTLING', 'SETTLED')`);
    await q.query(`CREATE TABLE "bill_payments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "bill_id" uuid NOT NULL, "obligor_org_id" uuid NOT NULL, "payee_org_id" uuid NOT NULL,
      "amount_minor" numeric(38,0) NOT NULL, "state" text NOT NULL, "auto_debit" boolean NOT NULL DEFAULT false, "chain_job_id" uuid, "failure_reason" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "PK_bill_payments" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_bill_payments_live_per_bill" ON "bill_payments" ("bill_id") WHERE "state" IN ('SETTLING', 'SETTLED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['bill_payments', 'financings', 'financing_offers', 'financing_requests', 'bill_duplicate_alerts', 'bill_events', 'bills']) {
      await q.query(`DROP TABLE "${t}"`);
    }
  }
}
