import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto, OptionalNotNull } from '#core';
import { KycState, OrganizationRole, type OrganizationEntity } from '../organizations/organization.entity.js';
import { IsCountryCode, IsLei, normaliseVatId, VAT_ID } from '../organizations/organization.validators.js';

const PEPPOL_ID = /^[0-9]{4}:[A-Za-z0-9._-]{1,50}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const BUSINESS_ROLES = Object.values(OrganizationRole).filter((r) => r !== OrganizationRole.PLATFORM);

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Acme Components GmbH' })
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  legalName: string;

  @ApiProperty({ example: '5493001KJTIIGC8Y1R12', description: 'ISO 17442 LEI, check digits validated' })
  @IsLei()
  lei: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country: string;

  @ApiProperty({ enum: BUSINESS_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsEnum(BUSINESS_ROLES, { each: true, message: `each role must be one of ${BUSINESS_ROLES.join(', ')}` })
  roles: OrganizationRole[];

  @ApiPropertyOptional({ example: ['0088:4035811991021'], description: 'Peppol participant ids `scheme:id`' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(PEPPOL_ID, { each: true, message: 'each Peppol id must look like 0088:4035811991021 (4-digit scheme, colon, id)' })
  peppolIds?: string[];

  @ApiPropertyOptional({ example: 'DE123456789', description: 'VAT identifier with its country prefix; spaces, dots and dashes are dropped' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseVatId(value) : value))
  @Matches(VAT_ID, { message: 'vatId must be a VAT identifier: a 2-letter country prefix and 2 to 13 letters or digits, e.g. DE123456789' })
  vatId?: string;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  legalName?: string;

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(PEPPOL_ID, { each: true, message: 'each Peppol id must look like 0088:4035811991021 (4-digit scheme, colon, id)' })
  peppolIds?: string[];

  @ApiPropertyOptional({ example: 'DE123456789', description: 'VAT identifier with its country prefix; spaces, dots and dashes are dropped' })
  @OptionalNotNull()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseVatId(value) : value))
  @Matches(VAT_ID, { message: 'vatId must be a VAT identifier: a 2-letter country prefix and 2 to 13 letters or digits, e.g. DE123456789' })
  vatId?: string;
}

export class ListOrganizationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: KycState })
  @IsOptional()
  @IsEnum(KycState)
  kycState?: KycState;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the legal name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ApproveKycDto {
  @ApiProperty({ example: 'Documents complete; UBO verified.' })
  @Transform(trim)
  @IsString()
  @Length(3, 2000)
  note: string;

  @ApiProperty({ example: '2027-11-21T00:00:00Z', description: 'When the approval lapses (the organization becomes EXPIRED)' })
  @IsISO8601({ strict: true })
  expiresAt: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Beneficial owner could not be verified.' })
  @Transform(trim)
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class FalsePositiveDto {
  @ApiProperty({ description: 'hitId from the latest screening run' })
  @IsString()
  @Length(1, 500)
  hitId: string;

  @ApiProperty({ example: 'Different legal entity: other country, other registration number.' })
  @Transform(trim)
  @IsString()
  @Length(10, 2000)
  reason: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() legalName: string;
  @ApiProperty() lei: string;
  @ApiProperty() country: string;
  @ApiProperty({ enum: OrganizationRole, isArray: true }) roles: OrganizationRole[];
  @ApiProperty({ type: [String] }) peppolIds: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) vatId: string | null;
  @ApiProperty({ enum: KycState }) kycState: KycState;
  @ApiPropertyOptional({ nullable: true, type: String }) kycNote: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) kycSubmittedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) kycDecidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) kycExpiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;

  static from(o: OrganizationEntity): OrganizationDto {
    return {
      id: o.id,
      legalName: o.legalName,
      lei: o.lei,
      country: o.country,
      roles: o.roles,
      peppolIds: o.peppolIds,
      vatId: o.vatId,
      kycState: o.kycState,
      kycNote: o.kycNote,
      kycSubmittedAt: o.kycSubmittedAt?.toISOString() ?? null,
      kycDecidedAt: o.kycDecidedAt?.toISOString() ?? null,
      kycExpiresAt: o.kycExpiresAt?.toISOString() ?? null,
      createdAt: o.createdAt.toISOString(),
      version: o.version,
    };
  }
}

export class OrganizationPageDto {
  @ApiProperty({ type: [OrganizationDto] }) items: OrganizationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ScreeningHitDto {
  @ApiProperty() hitId: string;
  @ApiProperty() queryName: string;
  @ApiProperty() matchedName: string;
  @ApiProperty() listName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ description: 'similarity 0..1' }) score: number;
  @ApiProperty({ description: 'true when an officer recorded it as a false positive' }) cleared: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) clearedReason: string | null;
}

export class ScreeningDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) runId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) runAt: string | null;
  @ApiProperty({ nullable: true, type: String }) listSha256: string | null;
  @ApiProperty({ nullable: true, type: Number }) threshold: number | null;
  @ApiProperty({ enum: ['NOT_RUN', 'CLEAR', 'HIT', 'CLEARED'] }) status: 'NOT_RUN' | 'CLEAR' | 'HIT' | 'CLEARED';
  @ApiProperty({ type: [ScreeningHitDto] }) hits: ScreeningHitDto[];
}

export class KycQueueItemDto {
  @ApiProperty() organization: OrganizationDto;
  @ApiProperty() screening: ScreeningDto;
}
