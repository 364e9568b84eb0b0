import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk intake: one row per request (resumable by its key), one result per row of the file. */
export class BillIntake1796432417351 implements MigrationInterface {
  name = 'BillIntake1796432417351';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "bill_intakes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL,
      "idempotency_key" text NOT NULL, "format" text NOT NULL, "state" text NOT NULL, "row_count" integer NOT NULL DEFAULT 0,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_bill_intakes" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_bill_intakes_key" ON "bill_intakes" ("organization_id", "idempotency_key")`);
    await q.query(`CREATE TABLE "bill_intake_rows" (
      "intake_id" uuid NOT NULL, "row" integer NOT NULL, "ok" boolean NOT NULL, "bill_id" uuid, "error_code" text, "error_message" text,
      CONSTRAINT "PK_bill_intake_rows" PRIMARY KEY ("intake_id", "row"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "bill_intake_rows"`);
    await q.query(`DROP TABLE "bill_intakes"`);
  }
}
