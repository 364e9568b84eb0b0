import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreFoundation1763750000000 implements MigrationInterface {
  name = 'CoreFoundation1763750000000';

  async up(q: QueryRunner): Promise<void> {
    // Trigger function for append-only tables (attempt logs, audit log, postings): history is never rewritten.
    await q.query(`CREATE FUNCTION "tally_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501'; END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION "tally_refuse_change"()`);
  }
}
