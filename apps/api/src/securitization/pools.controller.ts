import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
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
  AddPoolBillsDto,
  AddPoolBillsResultDto,
  CreatePoolDto,
  PoolAnalyticsDto,
  PoolAnalyticsQueryDto,
  PoolAnalyticsService,
  PoolDto,
  PoolsService,
} from '#securitization';

const Id = (name = 'id') => Param(name, new ParseUUIDPipe());

@ApiTags('pools')
@ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown, or not visible to the caller' })
@ApiForbiddenResponse({ type: ErrorBody })
@Controller('pools')
export class PoolsController {
  constructor(
    private readonly pools: PoolsService,
    private readonly analyticsService: PoolAnalyticsService,
  ) {}

  @Post()
  @Access.authenticated()
  @ApiOperation({ summary: 'An approved ORIGINATOR or FINANCIER creates a pool with its eligibility criteria and concentration limits' })
  @ApiCreatedResponse({ type: PoolDto })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreatePoolDto): Promise<PoolDto> {
    return this.pools.create(p, dto);
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: [PoolDto] })
  list(@CurrentPrincipal() p: Principal): Promise<PoolDto[]> {
    return this.pools.list(p);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: PoolDto })
  get(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<PoolDto> {
    return this.pools.get(p, id);
  }

  @Post(':id/bills')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOperation({ summary: 'Add bills (1 to 100,000): per bill added, or refused naming each failed criterion or limit' })
  @ApiOkResponse({ type: AddPoolBillsResultDto, description: 'At least one bill added' })
  @ApiConflictResponse({ type: ErrorBody, description: 'POOL_ADDITION_REFUSED (no bill added; details.results per bill), POOL_NOT_OPEN' })
  addBills(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: AddPoolBillsDto): Promise<AddPoolBillsResultDto> {
    return this.pools.addBills(p, id, dto);
  }

  @Get(':id/analytics')
  @Access.authenticated()
  @ApiOperation({ summary: 'Count, balance, WA remaining term, obligor top-N and HHI, sellers, maturity and delinquency buckets (SQL)' })
  @ApiOkResponse({ type: PoolAnalyticsDto })
  analytics(@CurrentPrincipal() p: Principal, @Id() id: string, @Query() q: PoolAnalyticsQueryDto): Promise<PoolAnalyticsDto> {
    return this.analyticsService.analytics(p, id, q);
  }
}
