import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { VERIFY_BATCH_MAX, VerificationFailure, type VerificationResult } from '#anchoring';
import { AnchorReceiptDto } from '../anchoring/anchor-receipt.dto.js';

export class VerifyHashDto {
  @ApiPropertyOptional({ description: 'SHA-256 of the document (64 hex digits, optionally 0x-prefixed); or send the file instead' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sha256?: string;
}

export class VerifyReceiptDto {
  @ApiProperty({ type: AnchorReceiptDto, description: 'The receipt.json of the document' })
  @IsObject()
  receipt: Record<string, unknown>;

  @ApiPropertyOptional({ description: "The document's SHA-256, to check it is the receipt's document" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sha256?: string;
}

export class VerifyBatchDto {
  @ApiProperty({ type: [String], maxItems: VERIFY_BATCH_MAX, description: 'SHA-256 hashes; each is answered on its own' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(VERIFY_BATCH_MAX)
  sha256: unknown[];
}

export class VerificationCheckDto {
  @ApiProperty({ example: 'proof' }) check: string;
  @ApiProperty() ok: boolean;
  @ApiProperty() detail: string;
}

export class VerificationResultDto {
  @ApiProperty() documentHash: string;
  @ApiProperty({ description: 'Anchored, and the chain confirms it' }) anchored: boolean;
  @ApiProperty({ enum: ['ANCHORED', 'PENDING', 'NOT_FOUND', 'INVALID'] }) status: string;
  @ApiPropertyOptional({ enum: VerificationFailure, description: 'Why not' }) code?: VerificationFailure;
  @ApiPropertyOptional({ description: 'Why not, in words' }) reason?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Block time of the anchoring, from the contract' }) anchoredAt?: string;
  @ApiPropertyOptional() blockNumber?: number;
  @ApiPropertyOptional() txHash?: string;
  @ApiPropertyOptional() chainId?: number;
  @ApiPropertyOptional() contract?: string;
  @ApiPropertyOptional() root?: string;
  @ApiPropertyOptional() batchId?: string;
  @ApiProperty({ type: [VerificationCheckDto] }) checks: VerificationCheckDto[];
  @ApiPropertyOptional({ type: AnchorReceiptDto, description: 'Keep it to verify later without Tally' }) receipt?: AnchorReceiptDto;

  static from(r: VerificationResult): VerificationResultDto {
    return r;
  }
}

export class VerifyBatchResponseDto {
  @ApiProperty() anchored: number;
  @ApiProperty() notAnchored: number;
  @ApiProperty({ type: [VerificationResultDto] }) items: VerificationResultDto[];

  static from(items: VerificationResult[]): VerifyBatchResponseDto {
    const anchored = items.filter((i) => i.anchored).length;
    return { anchored, notAnchored: items.length - anchored, items };
  }
}
