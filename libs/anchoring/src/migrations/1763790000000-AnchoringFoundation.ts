import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AnchoringFoundation1763790000000 implements MigrationInterface {
  name = 'AnchoringFoundation1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "anchor_batches" (
      "id" uuid NOT NULL,
      "chain_batch_id" text NOT NULL,
      "root" text NOT NULL,
      "leaf_count" integer NOT NULL,
      "status" text NOT NULL,
      "chain_id" integer NOT NULL,
      "chain_job_id" uuid NOT NULL,
      "contract_address" text,
      "tx_hash" text,
      "block_number" bigint,
      "block_timestamp" TIMESTAMP WITH TIME ZONE,
      "failure_reason" text,
      "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "confirmed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "UQ_anchor_batches_chain_batch_id" UNIQUE ("chain_batch_id"),
      CONSTRAINT "PK_anchor_batches" PRIMARY KEY ("id"),
      CONSTRAINT "ck_anchor_batches_status" CHECK ("status" IN ('SEALED','ANCHORED','FAILED')),
      CONSTRAINT "ck_anchor_batches_anchored_has_tx" CHECK ("status" <> 'ANCHORED' OR ("tx_hash" IS NOT NULL AND "block_number" IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX "ix_anchor_batches_sealed_at" ON "anchor_batches" ("sealed_at")`);
    await q.query(`CREATE TABLE "anchor_batch_trees" (
      "batch_id" uuid NOT NULL,
      "nodes" bytea NOT NULL,
      CONSTRAINT "PK_anchor_batch_trees" PRIMARY KEY ("batch_id"),
      CONSTRAINT "fk_anchor_batch_trees_batch" FOREIGN KEY ("batch_id") REFERENCES "anchor_batches"("id") ON DELETE RESTRICT
    )`);
    // hashes do not compress: keep them out of pglz so that substring() reads only the chunks it needs
    await q.query(`ALTER TABLE "anchor_batch_trees" ALTER COLUMN "nodes" SET STORAGE EXTERNAL`);
    await q.query(`CREATE TABLE "anchor_leaves" (
      "id" BIGSERIAL NOT NULL,
      "sha256" bytea NOT NULL,
      "kind" text NOT NULL,
      "reference" text,
      "batch_id" uuid,
      "leaf_index" integer,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_anchor_leaves_sha256" UNIQUE ("sha256"),
      CONSTRAINT "PK_anchor_leaves" PRIMARY KEY ("id"),
      CONSTRAINT "ck_anchor_leaves_batched" CHECK (("batch_id" IS NULL) = ("leaf_index" IS NULL)),
      CONSTRAINT "fk_anchor_leaves_batch" FOREIGN KEY ("batch_id") REFERENCES "anchor_batches"("id") ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX "ix_anchor_leaves_pending" ON "anchor_leaves" ("id") WHERE "batch_id" IS NULL`);
    await q.query(`CREATE INDEX "ix_anchor_leaves_batch" ON "anchor_leaves" ("batch_id", "leaf_index")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_anchor_leaves_batch"`);
    await q.query(`DROP INDEX "ix_anchor_leaves_pending"`);
    await q.query(`DROP TABLE "anchor_leaves"`);
    await q.query(`DROP TABLE "anchor_batch_trees"`);
    await q.query(`DROP INDEX "ix_anchor_batches_sealed_at"`);
    await q.query(`DROP TABLE "anchor_batches"`);
  }
}
