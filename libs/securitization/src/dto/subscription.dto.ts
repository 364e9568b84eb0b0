import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';

export class OpenSubscriptionDto {
  @ApiProperty({ example: '2026-07-10T16:00:00Z', description: 'orders are taken until then (or until the allocation)' })
  @IsISO8601({ strict: true })
  closesAt: string;
}

export class PlaceOrderDto {
  @ApiProperty({ example: '1000000', description: 'minor units, a whole number of notes' })
  @Matches(/^[1-9][0-9]{0,30}$/, { message: 'amountMinor must be a positive integer of minor units, as a string' })
  amountMinor: string;
}

export class OfferingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty() dealName: string;
  @ApiProperty() className: string;
  @ApiProperty() couponBps: number;
  @ApiProperty() rank: number;
  @ApiProperty({ description: 'minor units' }) sizeMinor: string;
  @ApiProperty({ description: 'minor units' }) denominationMinor: string;
  @ApiProperty() currency: string;
  @ApiProperty() closesAt: string;
  @ApiProperty({ enum: ['OPEN', 'ALLOCATED'] }) state: string;
}

export class OrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) offeringId: string;
  @ApiProperty({ format: 'uuid' }) investorOrganizationId: string;
  @ApiProperty({ nullable: true, type: String }) investorLegalName: string | null;
  @ApiProperty({ description: 'minor units' }) amountMinor: string;
  @ApiProperty({ nullable: true, type: String, description: 'minor units, once allocated' }) allocatedMinor: string | null;
  @ApiProperty() createdAt: string;
}

export class DealOfferingDto extends OfferingDto {
  @ApiProperty() orderCount: number;
  @ApiProperty({ description: 'minor units, the sum of the orders' }) orderedMinor: string;
  @ApiProperty({ nullable: true, type: String, description: 'minor units, once allocated' }) allocatedMinor: string | null;
}

export class InvestorOrderDto extends OrderDto {
  @ApiProperty({ type: OfferingDto }) offering: OfferingDto;
}
