import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1763780000000 implements MigrationInterface {
  name = 'AuditLog1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_log" (
      "seq" bigint NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "actor_user_id" uuid,
      "actor_label" text NOT NULL,
      "organization_id" uuid,
      "action" text NOT NULL,
      "entity" text NOT NULL,
      "entity_id" text NOT NULL,
      "payload" jsonb NOT NULL,
      "prev_hash" text NOT NULL,
      "hash" text NOT NULL,
      CONSTRAINT "UQ_audit_log_hash" UNIQUE ("hash"),
      CONSTRAINT "PK_audit_log" PRIMARY KEY ("seq")
    )`);
    await q.query(`CREATE INDEX "ix_audit_log_entity" ON "audit_log" ("entity", "entity_id")`);
    await q.query(`CREATE INDEX "ix_audit_log_organization" ON "audit_log" ("organization_id", "seq")`);
    await q.query(`CREATE TRIGGER "trg_audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION "tally_refuse_change"()`);
    await q.query(`CREATE TRIGGER "trg_audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "tally_refuse_change"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
  }
}
