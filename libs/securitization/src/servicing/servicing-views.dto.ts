// The OpenAPI shapes of the servicing reads (the services return the interfaces these describe).
import { ApiProperty } from '@nestjs/swagger';
import { LeafState } from '#anchoring';
import { PayoutState, PeriodRunState } from './period-run.entity.js';

export interface NoteFactorDto {
  originalMinor: string;
  outstandingMinor: string;
  factor: string;
}

export class PeriodRunSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty() dealName: string;
  @ApiProperty() period: number;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) distributionDate: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) recordDate: string;
  @ApiProperty({ enum: PeriodRunState, enumName: 'PeriodRunState' }) state: PeriodRunState;
  @ApiProperty({ description: 'minor units' }) totalDistributedMinor: string;
  @ApiProperty({ description: "the deal's status the engine ended the period in" }) dealStatus: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'boolean' }, description: 'trigger name → breached' }) triggers: Record<string, boolean>;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['originalMinor', 'outstandingMinor', 'factor'],
      properties: { originalMinor: { type: 'string' }, outstandingMinor: { type: 'string' }, factor: { type: 'string' } },
    },
    description: 'per tranche: original and outstanding balance (minor units) and factor (outstanding / original)',
  })
  factors: Record<string, NoteFactorDto>;
  @ApiProperty({ description: 'the investor report PDF is published' }) reportPublished: boolean;
}

export class RunPayoutDto {
  @ApiProperty() tranche: string;
  @ApiProperty({ description: "the holder's wallet" }) holder: string;
  @ApiProperty() amountMinor: string;
  @ApiProperty({ enum: PayoutState, enumName: 'PayoutState' }) state: PayoutState;
  @ApiProperty({ description: 'bytes32 payment id of SpvVault.payOut' }) paymentId: string;
}

export class PeriodRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty() period: number;
  @ApiProperty() currency: string;
  @ApiProperty() distributionDate: string;
  @ApiProperty() recordDate: string;
  @ApiProperty({ enum: PeriodRunState, enumName: 'PeriodRunState' }) state: PeriodRunState;
  @ApiProperty() totalDistributedMinor: string;
  @ApiProperty({ format: 'uuid' }) proposedByUserId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedByUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectReason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the engine's period, trigger status, factors, credit enhancement and the distribution (a holder sees its own lines only)" })
  result: Record<string, unknown>;
  @ApiProperty({ type: [RunPayoutDto], description: 'a holder sees its own only' }) payouts: RunPayoutDto[];
}

export class ReportLineDto {
  @ApiProperty({ enum: ['pool', 'waterfall', 'tranche', 'trigger', 'distribution'] }) section: 'pool' | 'waterfall' | 'tranche' | 'trigger' | 'distribution';
  @ApiProperty({ example: 'tranche:A' }) item: string;
  @ApiProperty({ example: 'interestPaidMinor' }) field: string;
  @ApiProperty() value: string;
}

export class ReportFileDto {
  @ApiProperty({ description: '0x-prefixed SHA-256 of the file' }) sha256: string;
  @ApiProperty({ enum: LeafState, enumName: 'LeafState' }) state: LeafState;
  @ApiProperty({ nullable: true, type: String }) txHash: string | null;
  @ApiProperty({ nullable: true, type: Number }) blockNumber: number | null;
  @ApiProperty({ nullable: true, type: String }) anchoredAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the batch's Merkle root" }) root: string | null;
  @ApiProperty({ nullable: true, type: Number }) chainId: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'the DocumentAnchor contract' }) contract: string | null;
}

export class InvestorReportDto {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty() dealName: string;
  @ApiProperty() period: number;
  @ApiProperty() currency: string;
  @ApiProperty() distributionDate: string;
  @ApiProperty() recordDate: string;
  @ApiProperty() dealStatus: string;
  @ApiProperty() waterfallUsed: string;
  @ApiProperty({ type: [ReportLineDto], description: 'every figure, minor units (a holder sees its own distribution lines and the total only)' }) lines: ReportLineDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'lower-case holder wallet → legal name' }) holderNames: Record<string, string>;
  @ApiProperty({ type: ReportFileDto, nullable: true, description: 'null: not published yet' }) csv: ReportFileDto | null;
  @ApiProperty({ type: ReportFileDto, nullable: true, description: 'null: not published yet' }) pdf: ReportFileDto | null;
}

export class ServicedDealDto {
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty() dealName: string;
  @ApiProperty() currency: string;
  @ApiProperty({ nullable: true, type: String }) firstDistributionDate: string | null;
  @ApiProperty({ description: 'the last approved period, 0 for none' }) lastPeriod: number;
  @ApiProperty({ nullable: true, type: String }) lastDistributionDate: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'a period waiting for the trustee' }) pendingPeriod: number | null;
}
