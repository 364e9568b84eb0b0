import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DocumentsFoundation1763791000000 implements MigrationInterface {
  name = 'DocumentsFoundation1763791000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "documents" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "owner_organization_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "name" text NOT NULL,
      "media_type" text NOT NULL,
      "size_bytes" bigint NOT NULL,
      "sha256" bytea NOT NULL,
      "uploaded_by_user_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_documents_owner_sha256" UNIQUE ("owner_organization_id", "sha256"),
      CONSTRAINT "PK_documents" PRIMARY KEY ("id"),
      CONSTRAINT "ck_documents_kind" CHECK ("kind" IN ('INVOICE','UBL_INVOICE','KYC','POOL_TAPE','REPORT','CERTIFICATE','AUDIT_HEAD','OTHER'))
    )`);
    await q.query(`CREATE INDEX "ix_documents_owner_created" ON "documents" ("owner_organization_id", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_documents_owner_created"`);
    await q.query(`DROP TABLE "documents"`);
  }
}
