import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sealing sets `batch_id` on thousands of leaves at once: the per-row foreign-key check doubled
 * its cost, and pending leaves (no batch) need no entry in the batch index. The sealer inserts a
 * batch before pointing leaves at it, and batches are never deleted. Artifacts are looked up by
 * their reference (the audit head anchorer asks whether `audit:<seq>` is queued): indexed, but
 * only where there is one (bulk hashes have none).
 */
export class AnchorLeavesSealCost1763798000000 implements MigrationInterface {
  name = 'AnchorLeavesSealCost1763798000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "anchor_leaves" DROP CONSTRAINT "fk_anchor_leaves_batch"`);
    await q.query(`DROP INDEX "ix_anchor_leaves_batch"`);
    await q.query(`CREATE INDEX "ix_anchor_leaves_batch" ON "anchor_leaves" ("batch_id", "leaf_index") WHERE "batch_id" IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_anchor_leaves_reference" ON "anchor_leaves" ("reference") WHERE "reference" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_anchor_leaves_reference"`);
    await q.query(`DROP INDEX "ix_anchor_leaves_batch"`);
    await q.query(`CREATE INDEX "ix_anchor_leaves_batch" ON "anchor_leaves" ("batch_id", "leaf_index")`);
    await q.query(
      `ALTER TABLE "anchor_leaves" ADD CONSTRAINT "fk_anchor_leaves_batch" FOREIGN KEY ("batch_id") REFERENCES "anchor_batches"("id") ON DELETE RESTRICT`,
    );
  }
}
