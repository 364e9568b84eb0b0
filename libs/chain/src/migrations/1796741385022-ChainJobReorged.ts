import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A state for a CONFIRMED job whose transaction left the canonical chain in a reorg (REORGED), and
 * how many times that happened to the job (`reorgs`; above 0, its confirmation handlers have run).
 */
export class ChainJobReorged1796741385022 implements MigrationInterface {
  name = 'ChainJobReorged1796741385022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "chain_jobs" DROP CONSTRAINT "ck_chain_jobs_status"`);
    await q.query(
      `ALTER TABLE "chain_jobs" ADD CONSTRAINT "ck_chain_jobs_status" CHECK ("status" IN ('PENDING','SUBMITTED','CONFIRMED','FAILED','REORGED'))`,
    );
    await q.query(`ALTER TABLE "chain_jobs" ADD "reorgs" integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "chain_jobs" DROP COLUMN "reorgs"`);
    await q.query(`ALTER TABLE "chain_jobs" DROP CONSTRAINT "ck_chain_jobs_status"`);
    await q.query(
      `ALTER TABLE "chain_jobs" ADD CONSTRAINT "ck_chain_jobs_status" CHECK ("status" IN ('PENDING','SUBMITTED','CONFIRMED','FAILED'))`,
    );
  }
}
