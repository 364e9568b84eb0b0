import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations carry their VAT identifier, so e-invoices can name a party by it (BT-31 / BT-48). */
export class OrganizationVatId1763799000000 implements MigrationInterface {
  name = 'OrganizationVatId1763799000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organizations" ADD "vat_id" text`);
    await q.query(`ALTER TABLE "organizations" ADD CONSTRAINT "UQ_organizations_vat_id" UNIQUE ("vat_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organizations" DROP CONSTRAINT "UQ_organizations_vat_id"`);
    await q.query(`ALTER TABLE "organizations" DROP COLUMN "vat_id"`);
  }
}
