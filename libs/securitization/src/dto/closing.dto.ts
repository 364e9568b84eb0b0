import { ApiProperty } from '@nestjs/swagger';

export class ClosingStepDto {
  @ApiProperty({ example: 'true-sale:0', description: 'deploy-vault, deploy-dvp, deploy-token:<class>, grant:…, set-tranche:<class>, eligible:<class>, true-sale:<n>, dvp:<orderId>, proceeds' })
  key: string;
  @ApiProperty({ description: 'the outbox job kind' }) kind: string;
  @ApiProperty({ enum: ['PLANNED', 'ENQUEUED', 'DONE', 'FAILED'] }) state: string;
  @ApiProperty({ nullable: true, type: String }) txHash: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'gas used by its transaction' }) gasUsed: string | null;
  @ApiProperty({ description: 'bills the step moves (true-sale batches)' }) billCount: number;
  @ApiProperty({ nullable: true, type: String }) failureReason: string | null;
}

export class TrueSaleSummaryDto {
  @ApiProperty() bills: number;
  @ApiProperty() billsSold: number;
  @ApiProperty() batches: number;
  @ApiProperty({ description: 'gas of the confirmed batches' }) gasUsed: string;
  @ApiProperty({ nullable: true, type: String, description: 'gas per sold bill (floored)' }) gasPerBill: string | null;
}

export class ClosingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty({ enum: ['REQUESTED', 'ASSETS_SOLD', 'NOTES_ISSUED', 'CLOSED', 'FAILED'] }) state: string;
  @ApiProperty({ nullable: true, type: String }) failureReason: string | null;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'minor units: the notes sold, at par' }) purchasePriceMinor: string;
  @ApiProperty({ description: 'minor units kept in the vault (reserve target)' }) reserveMinor: string;
  @ApiProperty({ description: 'minor units paid to the originator' }) proceedsMinor: string;
  @ApiProperty() originatorWallet: string;
  @ApiProperty({ nullable: true, type: String }) vaultAddress: string | null;
  @ApiProperty({ nullable: true, type: String }) dvpAddress: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'tranche class → TrancheToken address' })
  trancheTokens: Record<string, string>;
  @ApiProperty({ type: TrueSaleSummaryDto }) trueSale: TrueSaleSummaryDto;
  @ApiProperty({ type: [ClosingStepDto] }) steps: ClosingStepDto[];
  @ApiProperty() done: number;
  @ApiProperty() total: number;
}
