import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One-time set-password links for new users (invites). */
export class UserInvites1764863419000 implements MigrationInterface {
  name = 'UserInvites1764863419000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "user_invites" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" text NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_user_invites_token_hash" UNIQUE ("token_hash"), CONSTRAINT "PK_user_invites" PRIMARY KEY ("id"),
      CONSTRAINT "fk_user_invites_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "user_invites"`);
  }
}
