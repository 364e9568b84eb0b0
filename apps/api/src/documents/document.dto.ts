import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '#core';
import { LeafState } from '#anchoring';
import { DocumentKind, type DocumentView } from '#documents';

export class UploadDocumentDto {
  @ApiPropertyOptional({ enum: DocumentKind, default: DocumentKind.OTHER })
  @IsOptional()
  @IsEnum(DocumentKind, { message: `kind must be one of ${Object.values(DocumentKind).join(', ')}` })
  kind?: DocumentKind;

  @ApiPropertyOptional({ description: "Display name (default: the file part's filename)", maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;
}

export class DocumentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DocumentKind })
  @IsOptional()
  @IsEnum(DocumentKind, { message: `kind must be one of ${Object.values(DocumentKind).join(', ')}` })
  kind?: DocumentKind;

  @ApiPropertyOptional({ description: 'Exact SHA-256 of the content' })
  @IsOptional()
  @Matches(/^(0x)?[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hex digits, optionally 0x-prefixed' })
  sha256?: string;
}

export class DocumentAnchoringDto {
  @ApiProperty({
    enum: LeafState,
    description: 'PENDING: waiting for a batch; SEALED: in a batch, transaction not confirmed; ANCHORED: on chain',
  })
  state: LeafState;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) batchId: string | null;
  @ApiProperty({ nullable: true, type: String }) root: string | null;
  @ApiProperty({ nullable: true, type: String }) txHash: string | null;
  @ApiProperty({ nullable: true, type: Number }) blockNumber: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Block time of the anchoring' }) anchoredAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) chainId: number | null;
  @ApiProperty({ nullable: true, type: String }) contract: string | null;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ownerOrganizationId: string;
  @ApiProperty({ enum: DocumentKind }) kind: DocumentKind;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['application/pdf', 'application/xml', 'image/png', 'image/jpeg'], description: 'Sniffed from the content' })
  mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: '0x-prefixed SHA-256 of the content' }) sha256: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) uploadedByUserId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: DocumentAnchoringDto }) anchoring: DocumentAnchoringDto;

  static from(d: DocumentView): DocumentDto {
    return { ...d, anchoring: { ...d.anchoring } };
  }
}

export class DocumentPageDto {
  @ApiProperty({ type: [DocumentDto] }) items: DocumentDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
