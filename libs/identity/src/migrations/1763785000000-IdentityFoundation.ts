import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityFoundation1763785000000 implements MigrationInterface {
  name = 'IdentityFoundation1763785000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "organizations" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "legal_name" text NOT NULL, "lei" text NOT NULL, "country" text NOT NULL,
      "roles" text array NOT NULL, "peppol_ids" text array NOT NULL DEFAULT '{}', "kyc_state" text NOT NULL,
      "kyc_submitted_at" TIMESTAMP WITH TIME ZONE, "kyc_decided_at" TIMESTAMP WITH TIME ZONE, "kyc_decided_by" uuid, "kyc_note" text,
      "kyc_expires_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "UQ_organizations_lei" UNIQUE ("lei"),
      CONSTRAINT "ck_organizations_country" CHECK ("country" ~ '^[A-Z]{2}$'),
      CONSTRAINT "ck_organizations_kyc_state" CHECK ("kyc_state" IN ('DRAFT','SUBMITTED','APPROVED','REJECTED','SUSPENDED','EXPIRED')),
      CONSTRAINT "PK_organizations" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "users" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL,
      "password_hash" text NOT NULL, "roles" text array NOT NULL, "active" boolean NOT NULL DEFAULT true,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "UQ_users_email" UNIQUE ("email"), CONSTRAINT "PK_users" PRIMARY KEY ("id"),
      CONSTRAINT "fk_users_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE INDEX "ix_users_organization" ON "users" ("organization_id")`);
    await q.query(`CREATE TABLE "refresh_tokens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" text NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_refresh_tokens_token_hash" UNIQUE ("token_hash"), CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("id"),
      CONSTRAINT "fk_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id")`);
    await q.query(`CREATE TABLE "login_throttle" (
      "key" text NOT NULL, "failures" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_login_throttle" PRIMARY KEY ("key"))`);
    await q.query(`CREATE TABLE "screening_runs" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "list_sha256" text NOT NULL, "threshold" double precision NOT NULL,
      "names" text array NOT NULL, "hits" jsonb NOT NULL, "run_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_screening_runs" PRIMARY KEY ("id"),
      CONSTRAINT "fk_screening_runs_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE INDEX "ix_screening_runs_org" ON "screening_runs" ("organization_id", "created_at")`);
    await q.query(`CREATE TABLE "screening_decisions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "screening_run_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "hit_id" text NOT NULL,
      "decision" text NOT NULL, "reason" text NOT NULL, "decided_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_screening_decisions_hit" UNIQUE ("screening_run_id", "hit_id"), CONSTRAINT "PK_screening_decisions" PRIMARY KEY ("id"))`);
    // screening history is evidence: never rewritten
    for (const t of ['screening_runs', 'screening_decisions']) {
      await q.query(`CREATE TRIGGER "trg_${t}_append_only" BEFORE UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION "tally_refuse_change"()`);
    }
    await q.query(`CREATE TABLE "wallets" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "address" text NOT NULL, "kind" text NOT NULL,
      "encrypted_key" text, "chain_status" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "UQ_wallets_address" UNIQUE ("address"),
      CONSTRAINT "ck_wallets_custodial_key" CHECK (("kind" = 'CUSTODIAL') = ("encrypted_key" IS NOT NULL)),
      CONSTRAINT "PK_wallets" PRIMARY KEY ("id"),
      CONSTRAINT "fk_wallets_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE INDEX "ix_wallets_organization" ON "wallets" ("organization_id")`);
    await q.query(`CREATE TABLE "wallet_challenges" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "address" text NOT NULL, "message" text NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_wallet_challenges" PRIMARY KEY ("id"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['wallet_challenges', 'wallets', 'screening_decisions', 'screening_runs', 'login_throttle', 'refresh_tokens', 'users', 'organizations']) {
      await q.query(`DROP TABLE "${t}"`);
    }
  }
}
