import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '#core';
import { AnchorBatchStatus, BULK_HASHES_MAX, LeafState, type AnchorBatchView, type BulkHashResult, type LeafStatus } from '#anchoring';
import { AnchorReceiptDto } from './anchor-receipt.dto.js';

export class SubmitHashesDto {
  @ApiProperty({
    type: [String],
    maxItems: BULK_HASHES_MAX,
    description: 'SHA-256 hashes (64 hex digits, optionally 0x-prefixed); each is answered on its own',
    example: ['0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_HASHES_MAX)
  hashes: unknown[];
}

export class ItemErrorDto {
  @ApiProperty({ example: 'HASH_MALFORMED' }) code: string;
  @ApiProperty() message: string;
}

export class BulkHashResultDto {
  @ApiProperty() index: number;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional() sha256?: string;
  @ApiPropertyOptional({ enum: LeafState }) state?: LeafState;
  @ApiPropertyOptional({ description: 'False when the hash had been submitted before (it is anchored once)' }) created?: boolean;
  @ApiPropertyOptional({ type: ItemErrorDto }) error?: ItemErrorDto;
}

export class SubmitHashesResponseDto {
  @ApiProperty() accepted: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ type: [BulkHashResultDto] }) items: BulkHashResultDto[];

  static from(items: BulkHashResult[]): SubmitHashesResponseDto {
    const accepted = items.filter((i) => i.ok).length;
    return { accepted, rejected: items.length - accepted, items };
  }
}

export class AnchorBatchDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'bytes32 batch id written on chain' }) chainBatchId: string;
  @ApiProperty() root: string;
  @ApiProperty() leafCount: number;
  @ApiProperty({ enum: AnchorBatchStatus }) status: AnchorBatchStatus;
  @ApiProperty() chainId: number;
  @ApiProperty({ format: 'uuid' }) chainJobId: string;
  @ApiProperty({ nullable: true, type: String }) contractAddress: string | null;
  @ApiProperty({ nullable: true, type: String }) txHash: string | null;
  @ApiProperty({ nullable: true, type: Number }) blockNumber: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) blockTimestamp: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Blocks on top of the anchoring one, counting it' }) confirmations:
    number | null;
  @ApiProperty({ nullable: true, type: String }) failureReason: string | null;
  @ApiProperty({ format: 'date-time' }) sealedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt: string | null;

  static from(b: AnchorBatchView): AnchorBatchDto {
    return {
      ...b,
      blockTimestamp: b.blockTimestamp?.toISOString() ?? null,
      sealedAt: b.sealedAt.toISOString(),
      confirmedAt: b.confirmedAt?.toISOString() ?? null,
    };
  }
}

export class AnchorBatchPageDto {
  @ApiProperty({ type: [AnchorBatchDto] }) items: AnchorBatchDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class AnchorBatchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AnchorBatchStatus })
  @IsOptional()
  @IsEnum(AnchorBatchStatus)
  status?: AnchorBatchStatus;
}

export class HashBatchDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() chainBatchId: string;
  @ApiProperty() root: string;
  @ApiProperty() leafIndex: number;
  @ApiProperty() leafCount: number;
  @ApiProperty({ nullable: true, type: String }) txHash: string | null;
  @ApiProperty({ nullable: true, type: Number }) blockNumber: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) blockTimestamp: string | null;
}

export class HashStatusDto {
  @ApiProperty() sha256: string;
  @ApiProperty({ enum: LeafState }) state: LeafState;
  @ApiProperty({ example: 'HASH' }) kind: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ nullable: true, type: HashBatchDto }) batch: HashBatchDto | null;
  @ApiPropertyOptional({ type: AnchorReceiptDto, description: 'Once anchored' }) receipt?: AnchorReceiptDto;

  static from(s: LeafStatus, receipt?: AnchorReceiptDto): HashStatusDto {
    const b = s.batch;
    return {
      sha256: s.sha256,
      state: s.state,
      kind: s.kind,
      submittedAt: s.submittedAt.toISOString(),
      batch: b
        ? {
            id: b.id,
            chainBatchId: b.chainBatchId,
            root: b.root,
            leafIndex: b.leafIndex,
            leafCount: b.leafCount,
            txHash: b.txHash,
            blockNumber: b.blockNumber,
            blockTimestamp: b.blockTimestamp?.toISOString() ?? null,
          }
        : null,
      ...(receipt ? { receipt } : {}),
    };
  }
}
