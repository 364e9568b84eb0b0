import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The published investor report of a run: its CSV's hash and its PDF's hash and document (readable by the run's holders). */
export class ServicingReportFiles1796734518227 implements MigrationInterface {
  name = 'ServicingReportFiles1796734518227';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "servicing_period_runs" ADD "report_csv_sha256" text, ADD "report_pdf_sha256" text, ADD "report_pdf_document_id" uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "servicing_period_runs" DROP COLUMN "report_pdf_document_id", DROP COLUMN "report_pdf_sha256", DROP COLUMN "report_csv_sha256"`);
  }
}
