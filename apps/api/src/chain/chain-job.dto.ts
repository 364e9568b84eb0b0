import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChainJobEntity } from '#chain';

export class ChainJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'anchor.root' }) kind: string;
  @ApiProperty({ enum: ['PENDING', 'SUBMITTED', 'CONFIRMED', 'FAILED'] }) status: string;
  @ApiProperty() chainId: number;
  @ApiPropertyOptional({ nullable: true, type: String }) txHash: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'decimal string' }) nonce: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'decimal string' }) blockNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'decimal string' }) gasUsed: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revertReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;

  static from(job: ChainJobEntity): ChainJobDto {
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      chainId: job.chainId,
      txHash: job.txHash,
      nonce: job.nonce?.toString() ?? null,
      blockNumber: job.blockNumber?.toString() ?? null,
      gasUsed: job.gasUsed?.toString() ?? null,
      revertReason: job.revertReason,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }
}
