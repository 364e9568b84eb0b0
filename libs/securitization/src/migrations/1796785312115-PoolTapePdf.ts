import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tape's PDF summary: its SHA-256 (the bytes are in the document store; the hash is anchored). Null for tapes locked before. */
export class PoolTapePdf1796785312115 implements MigrationInterface {
  name = 'PoolTapePdf1796785312115';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "pool_tapes" ADD COLUMN "pdf_sha256" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "pool_tapes" DROP COLUMN "pdf_sha256"`);
  }
}
