import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PoolTapes1796414192888 implements MigrationInterface {
  name = 'PoolTapes1796414192888';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "pool_tapes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "pool_id" uuid NOT NULL, "root" text NOT NULL, "leaf_encoding" text array NOT NULL,
      "csv_sha256" text NOT NULL, "asset_count" integer NOT NULL, "balance_minor" numeric(38,0) NOT NULL, "tree" jsonb NOT NULL,
      "anchor_batch_id" text NOT NULL, "anchor_job_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_pool_tapes" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_pool_tapes_pool" ON "pool_tapes" ("pool_id")`);
    // the tape is evidence: once written it never changes
    await q.query(
      `CREATE TRIGGER "trg_pool_tapes_append_only" BEFORE UPDATE OR DELETE ON "pool_tapes" FOR EACH ROW EXECUTE FUNCTION "tally_refuse_change"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "pool_tapes"`);
  }
}
