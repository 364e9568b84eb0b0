import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PageQueryDto } from '#core';
import { allowedActions, BILL_ACTIONS, POOL_ACTIONS, BillState, Encumbrance, type BillActor, type LifecycleClock } from '../lifecycle/bill-lifecycle.js';
import type { BillEntity } from '../bills/bill.entity.js';
import type { BillEventEntity } from '../bills/bill-event.entity.js';

const MINOR = /^[1-9][0-9]{0,30}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Columns the bill list sorts by (`?sort=&order=`), each with a tie-breaker on creation. */
export const BILL_SORT_FIELDS = ['dueDate', 'issueDate', 'faceAmount', 'invoiceNumber', 'createdAt'] as const;
export type BillSortField = (typeof BILL_SORT_FIELDS)[number];
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class IssueBillDto {
  @ApiProperty({ format: 'uuid', description: 'The obligor organization (an approved buyer)' })
  @IsUUID()
  buyerOrganizationId: string;

  @ApiProperty({ example: 'INV-2026-0042' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  invoiceNumber: string;

  @ApiProperty({ example: '125000', description: 'Face amount, integer minor units as a decimal string' })
  @Matches(MINOR, { message: 'amountMinor must be a positive integer of minor units, as a string' })
  amountMinor: string;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency: string;

  @ApiProperty({ example: '2026-11-20' })
  @Matches(DATE, { message: 'issueDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  issueDate: string;

  @ApiProperty({ example: '2027-02-18' })
  @Matches(DATE, { message: 'dueDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  dueDate: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An uploaded invoice document of the supplier' })
  @IsOptional()
  @IsUUID()
  documentId?: string;
}

export class AcceptBillDto {
  @ApiPropertyOptional({ description: 'EIP-712 Acceptance signature of the obligor wallet (external); absent: the custodial wallet signs' })
  @IsOptional()
  @Matches(/^0x[0-9a-fA-F]{130}$/, { message: 'signature must be 0x followed by 130 hex characters' })
  signature?: string;

  @ApiPropertyOptional({ description: 'unix seconds; required with signature' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2 ** 40) // unix seconds; beyond, a number no chain call accepts
  deadline?: number;

  @ApiPropertyOptional({ description: 'Pre-authorise payment from the settlement account on the due date' })
  @IsOptional()
  @IsBoolean()
  autoDebit?: boolean;
}

export class ReasonBillDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  reason: string;
}

export class TransferBillDto {
  @ApiProperty({ format: 'uuid', description: 'The endorsee: another approved organization' })
  @IsUUID()
  toOrganizationId: string;
}

export class SplitBillDto {
  @ApiProperty({ example: ['50000', '50000', '25000'], description: 'Part amounts (minor units), summing to the face amount' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @Matches(MINOR, { each: true, message: 'each amount must be a positive integer of minor units, as a string' })
  amountsMinor: string[];
}

export class FingerprintCheckDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() sellerOrganizationId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() buyerOrganizationId: string;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 100) invoiceNumber: string;
  @ApiProperty() @Matches(MINOR, { message: 'amountMinor must be a positive integer of minor units, as a string' }) amountMinor: string;
  @ApiProperty() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' }) currency: string;
  @ApiProperty() @Matches(DATE, { message: 'issueDate must be YYYY-MM-DD' }) @IsISO8601({ strict: true }) issueDate: string;
}

export class FingerprintCheckResultDto {
  @ApiProperty({ description: 'The receivable is already registered (here or on chain)' }) registered: boolean;
  @ApiProperty({ description: 'It is financed, pledged or pooled' }) encumbered: boolean;
}

export class ListBillsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BillState }) @IsOptional() @IsEnum(BillState) state?: BillState;
  @ApiPropertyOptional({ format: 'uuid', description: 'supplier, buyer or holder' }) @IsOptional() @IsUUID() counterpartyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() holderId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE) dueFrom?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE) dueTo?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'include bills replaced by their split parts' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeSuperseded?: string;

  @ApiPropertyOptional({ description: 'search: part of the invoice number (case-insensitive)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: BILL_SORT_FIELDS, description: 'default dueDate' })
  @IsOptional()
  @IsIn(BILL_SORT_FIELDS)
  sort?: BillSortField;

  @ApiPropertyOptional({ enum: ['ASC', 'DESC'], description: 'default ASC' })
  @IsOptional()
  @IsIn(['ASC', 'DESC'])
  order?: 'ASC' | 'DESC';
}

export class BillDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) supplierOrganizationId: string;
  @ApiProperty({ format: 'uuid' }) buyerOrganizationId: string;
  @ApiProperty({ format: 'uuid' }) holderOrganizationId: string;
  @ApiProperty() invoiceNumber: string;
  @ApiProperty({ description: 'minor units' }) faceAmountMinor: string;
  @ApiProperty() currency: string;
  @ApiProperty() issueDate: string;
  @ApiProperty() dueDate: string;
  @ApiProperty({ enum: BillState }) state: BillState;
  @ApiProperty({ enum: Encumbrance }) encumbrance: Encumbrance;
  @ApiProperty() fingerprint: string;
  @ApiPropertyOptional({ nullable: true, type: String }) parentBillId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) documentId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) documentSha256: string | null;
  @ApiProperty() chainStatus: string;
  @ApiProperty({ description: 'ERC-721 token id, decimal string' }) tokenId: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'on-chain action in flight' }) pendingAction: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) supersededAt: string | null;
  @ApiProperty() autoDebit: boolean;
  @ApiProperty() version: number;
  @ApiProperty({
    type: [String],
    enum: BILL_ACTIONS.filter((a) => a !== 'issue' && a !== 'overdue' && a !== 'default' && !POOL_ACTIONS.includes(a)),
    description: "The actions the caller may take on the bill now (its organization's position and the caller's roles), by the bill lifecycle table",
  })
  allowedActions: string[];
  @ApiPropertyOptional({ description: "Legal names of the bill's supplier, buyer and holder (on GET): the bill's own parties, as on the invoice" })
  supplierName?: string;
  @ApiPropertyOptional() buyerName?: string;
  @ApiPropertyOptional() holderName?: string;

  /** `actor`: the caller, for `allowedActions` (none without one). */
  /** `clock`: the business date the allowed actions are computed on (the wall clock's UTC date when omitted). */
  static from(b: BillEntity, actor?: BillActor, clock?: LifecycleClock): BillDto {
    return {
      id: b.id,
      supplierOrganizationId: b.supplierOrgId,
      buyerOrganizationId: b.buyerOrgId,
      holderOrganizationId: b.holderOrgId,
      invoiceNumber: b.invoiceNumber,
      faceAmountMinor: b.faceAmountMinor.toString(),
      currency: b.currency,
      issueDate: b.issueDate,
      dueDate: b.dueDate,
      state: b.state,
      encumbrance: b.encumbrance,
      fingerprint: b.fingerprint,
      parentBillId: b.parentBillId,
      documentId: b.documentId,
      documentSha256: b.documentSha256,
      chainStatus: b.chainStatus,
      tokenId: b.tokenId.toString(),
      pendingAction: b.pendingAction,
      supersededAt: b.supersededAt?.toISOString() ?? null,
      autoDebit: b.autoDebit,
      version: b.version,
      allowedActions: actor ? allowedActions(b, actor, clock) : [],
    };
  }
}

export class BillEventDto {
  @ApiProperty() action: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorUserId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorOrganizationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) chainJobId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) txHash: string | null;
  @ApiProperty({ type: Object }) payload: Record<string, unknown>;

  static from(e: BillEventEntity): BillEventDto {
    return {
      action: e.action,
      at: e.createdAt.toISOString(),
      actorUserId: e.actorUserId,
      actorOrganizationId: e.actorOrgId,
      chainJobId: e.chainJobId,
      txHash: e.txHash,
      payload: e.payload,
    };
  }
}

export class BillDetailDto extends BillDto {
  @ApiProperty({ type: [BillEventDto] }) timeline: BillEventDto[];
}

export class BillPageDto {
  @ApiProperty({ type: [BillDto] }) items: BillDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
