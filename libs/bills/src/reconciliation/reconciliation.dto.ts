import { ApiProperty } from '@nestjs/swagger';

export const RECONCILED_ENTITIES = ['bill', 'financing', 'bill_payment', 'settlement_movement', 'chain_job', 'deal_closing'] as const;
export type ReconciledEntity = (typeof RECONCILED_ENTITIES)[number];

/** One difference between the database and the chain. */
export class ReconciliationDifferenceDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The bill concerned, when there is one' })
  billId: string | null;

  @ApiProperty({
    enum: RECONCILED_ENTITIES,
    description: 'What disagrees: a bill, a financing, a payment, a settlement movement, an outbox job or a deal closing (libs/securitization)',
  })
  entity: ReconciledEntity;

  @ApiProperty({ format: 'uuid' })
  entityId: string;

  @ApiProperty({
    example: 'holder',
    description:
      'exists, status, chainStatus, holder, encumbrance, amount, currency, dueDate, fingerprint, pendingAction, settled, state, depositRef, withdrawalRef, transaction, events',
  })
  field: string;

  @ApiProperty({ nullable: true, type: String, description: 'What the database says' })
  database: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'What the chain says (at the confirmed tip)' })
  chain: string | null;
}
