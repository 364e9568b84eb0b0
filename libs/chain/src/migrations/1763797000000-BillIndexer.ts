import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BillIndexer1763797000000 implements MigrationInterface {
  name = 'BillIndexer1763797000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "chain_events" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "chain_id" integer NOT NULL, "block_number" bigint NOT NULL, "block_hash" text NOT NULL,
      "tx_hash" text NOT NULL, "log_index" integer NOT NULL, "contract_name" text NOT NULL, "contract_address" text NOT NULL,
      "event_name" text NOT NULL, "args" jsonb NOT NULL, "bill_ids" uuid array NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_chain_events_block_log" UNIQUE ("block_hash", "log_index"),
      CONSTRAINT "PK_chain_events" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_chain_events_block" ON "chain_events" ("chain_id", "block_number")`);
    await q.query(`CREATE INDEX "ix_chain_events_tx" ON "chain_events" ("tx_hash")`);
    // facts read from the chain are never rewritten; DELETE stays allowed for blocks a reorg abandoned
    await q.query(
      `CREATE TRIGGER "trg_chain_events_no_update" BEFORE UPDATE ON "chain_events" FOR EACH ROW EXECUTE FUNCTION "tally_refuse_change"()`,
    );
    await q.query(`CREATE TABLE "chain_index_cursors" (
      "chain_id" integer NOT NULL, "block_number" bigint NOT NULL, "block_hash" text, "reconciled_block" bigint NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL,
      CONSTRAINT "PK_chain_index_cursors" PRIMARY KEY ("chain_id"))`);
    await q.query(`CREATE TABLE "chain_index_blocks" (
      "chain_id" integer NOT NULL, "block_number" bigint NOT NULL, "block_hash" text NOT NULL, "parent_hash" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_chain_index_blocks" PRIMARY KEY ("chain_id", "block_number"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['chain_index_blocks', 'chain_index_cursors', 'chain_events']) await q.query(`DROP TABLE "${t}"`);
  }
}
