import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A user's token version: raised on deactivation, role change and password change; access tokens carry it. */
export class UserTokenVersion1764863418000 implements MigrationInterface {
  name = 'UserTokenVersion1764863418000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
