import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business dates of what servicing reads: the day a bill was paid (its payment's business day) and
 * the day it defaulted (the aging pass's day). Older rows take the UTC date of their timestamps.
 */
export class BillBusinessDates1796761054069 implements MigrationInterface {
  name = 'BillBusinessDates1796761054069';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "bill_payments" ADD "paid_on" date`);
    await q.query(`UPDATE "bill_payments" SET "paid_on" = ("created_at" AT TIME ZONE 'UTC')::date`);
    await q.query(`ALTER TABLE "bill_payments" ALTER COLUMN "paid_on" SET NOT NULL`);
    await q.query(`ALTER TABLE "bills" ADD "paid_on" date, ADD "defaulted_on" date`);
    await q.query(`UPDATE "bills" SET "paid_on" = ("paid_at" AT TIME ZONE 'UTC')::date WHERE "paid_at" IS NOT NULL`);
    await q.query(
      `UPDATE "bills" b SET "defaulted_on" = d.day
         FROM (SELECT "bill_id", (min("created_at") AT TIME ZONE 'UTC')::date AS day FROM "bill_events" WHERE "action" = 'defaulted' GROUP BY "bill_id") d
        WHERE b."id" = d."bill_id"`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "bills" DROP COLUMN "defaulted_on", DROP COLUMN "paid_on"`);
    await q.query(`ALTER TABLE "bill_payments" DROP COLUMN "paid_on"`);
  }
}
