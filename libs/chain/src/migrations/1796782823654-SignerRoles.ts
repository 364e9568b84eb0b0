import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One key per contract role: a chain job records the role whose key signed it (set with its
 * nonce and `from_address` when the outbox signs it). Jobs signed before the split keep NULL:
 * they were signed by the one operator key, which became the admin key.
 */
export class SignerRoles1796782823654 implements MigrationInterface {
  name = 'SignerRoles1796782823654';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "chain_jobs" ADD "signer_role" text`);
    await q.query(
      `ALTER TABLE "chain_jobs" ADD CONSTRAINT "ck_chain_jobs_signer_role"
         CHECK ("signer_role" IS NULL OR "signer_role" IN ('admin','registrar','anchorer','settlement-agent','bill-operator'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "chain_jobs" DROP CONSTRAINT "ck_chain_jobs_signer_role"`);
    await q.query(`ALTER TABLE "chain_jobs" DROP COLUMN "signer_role"`);
  }
}
