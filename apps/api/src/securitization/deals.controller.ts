import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentPrincipal, ErrorBody, type Principal } from '#core';
import {
  ClosingDto,
  ClosingsService,
  DealDto,
  DealOfferingDto,
  DealsService,
  InvestorOrderDto,
  OfferingDto,
  OpenSubscriptionDto,
  OrderDto,
  PlaceOrderDto,
  SubscriptionsService,
} from '#securitization';

const Id = (name = 'id') => Param(name, new ParseUUIDPipe());

@ApiTags('deals')
@ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown, or not visible to the caller' })
@ApiForbiddenResponse({ type: ErrorBody })
@Controller()
export class DealsController {
  constructor(
    private readonly deals: DealsService,
    private readonly subscriptions: SubscriptionsService,
    private readonly closings: ClosingsService,
  ) {}

  @Get('deals')
  @Access.authenticated()
  @ApiOperation({ summary: 'The deals the caller’s organization arranged (platform roles: all)' })
  @ApiOkResponse({ type: [DealDto] })
  list(@CurrentPrincipal() p: Principal): Promise<DealDto[]> {
    return this.deals.list(p);
  }

  @Get('deals/:id/offerings')
  @Access.authenticated()
  @ApiOperation({ summary: "The deal's subscription windows in any state, with their order totals (the arranger)" })
  @ApiOkResponse({ type: [DealOfferingDto] })
  dealOfferings(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<DealOfferingDto[]> {
    return this.subscriptions.dealOfferings(p, id);
  }

  @Get('orders')
  @Access.authenticated()
  @ApiOperation({ summary: "The caller's organization's subscription orders with their offerings and allocations" })
  @ApiOkResponse({ type: [InvestorOrderDto] })
  myOrders(@CurrentPrincipal() p: Principal): Promise<InvestorOrderDto[]> {
    return this.subscriptions.myOrders(p);
  }

  @Post('deals/:id/close')
  @HttpCode(202)
  @Access.authenticated()
  @ApiOperation({
    summary: 'Close the deal on chain: per-deal contracts, true sale of the pool, DvP per investor, proceeds to the originator (outbox jobs)',
  })
  @ApiAcceptedResponse({ type: ClosingDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'CLOSING_EXISTS, POOL_NOT_CUT_OFF, OFFERING_NOT_ALLOCATED, CLOSING_NOT_POSSIBLE' })
  close(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<ClosingDto> {
    return this.closings.close(p, id);
  }

  @Get('deals/:id/closing')
  @Access.authenticated()
  @ApiOperation({ summary: "The closing's progress: state, steps with their transactions, gas per bill of the true sale" })
  @ApiOkResponse({ type: ClosingDto })
  closing(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<ClosingDto> {
    return this.closings.get(p, id);
  }

  @Get('deals/:id')
  @Access.authenticated()
  @ApiOkResponse({ type: DealDto })
  get(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<DealDto> {
    return this.deals.get(p, id);
  }

  @Post('deals/:id/tranches/:className/subscription')
  @Access.authenticated()
  @ApiOperation({ summary: "The arranger opens a tranche's subscription window" })
  @ApiCreatedResponse({ type: OfferingDto })
  open(
    @CurrentPrincipal() p: Principal,
    @Id() id: string,
    @Param('className') className: string,
    @Body() dto: OpenSubscriptionDto,
  ): Promise<OfferingDto> {
    return this.subscriptions.open(p, id, className, dto);
  }

  @Get('offerings')
  @Access.authenticated()
  @ApiOperation({ summary: 'Open offerings (tranches in their subscription window)' })
  @ApiOkResponse({ type: [OfferingDto] })
  offerings(): Promise<OfferingDto[]> {
    return this.subscriptions.openOfferings();
  }

  @Post('offerings/:id/orders')
  @Access.authenticated()
  @ApiOperation({ summary: 'An approved INVESTOR organization subscribes (one order per tranche, whole notes)' })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'SUBSCRIPTION_CLOSED' })
  order(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: PlaceOrderDto): Promise<OrderDto> {
    return this.subscriptions.order(p, id, dto);
  }

  @Get('offerings/:id/orders')
  @Access.authenticated()
  @ApiOperation({ summary: "The offering's orders (the arranger: all; an investor: its own), with allocations" })
  @ApiOkResponse({ type: [OrderDto] })
  orders(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<OrderDto[]> {
    return this.subscriptions.orders(p, id);
  }

  @Post('offerings/:id/allocate')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOperation({ summary: 'Close the window and allocate (pro rata, floor to the denomination, largest remainder)' })
  @ApiOkResponse({ type: [OrderDto] })
  allocate(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<OrderDto[]> {
    return this.subscriptions.allocate(p, id);
  }
}
