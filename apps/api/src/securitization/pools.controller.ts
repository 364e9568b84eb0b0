import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
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
  PoolAssetDto,
  PoolDto,
  PoolsService,
  PoolTapeService,
  CreateDealDto,
  DealDto,
  DealsService,
  type AssetProof,
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
    private readonly tapes: PoolTapeService,
    private readonly deals: DealsService,
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

  @Get(':id/assets')
  @Access.authenticated()
  @ApiOperation({ summary: "The pool's assets (earliest added first) with the parties' names and invoice numbers" })
  @ApiOkResponse({ type: [PoolAssetDto] })
  assets(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<PoolAssetDto[]> {
    return this.pools.assets(p, id);
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
  @ApiOperation({
    summary: 'Count, balance, WA remaining term and discount yield, obligor top-N and HHI, sellers, maturity and delinquency buckets (SQL)',
  })
  @ApiOkResponse({ type: PoolAnalyticsDto })
  analytics(@CurrentPrincipal() p: Principal, @Id() id: string, @Query() q: PoolAnalyticsQueryDto): Promise<PoolAnalyticsDto> {
    return this.analyticsService.analytics(p, id, q);
  }

  @Post(':id/lock')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOperation({
    summary: 'Cut-off: freeze the pool into its loan tape, one Merkle leaf per asset; the root is anchored on chain through the outbox',
  })
  @ApiConflictResponse({ type: ErrorBody, description: 'POOL_NOT_OPEN, POOL_EMPTY' })
  lock(@CurrentPrincipal() p: Principal, @Id() id: string) {
    return this.tapes.lock(p, id);
  }

  @Get(':id/tape')
  @Access.authenticated()
  @ApiOperation({ summary: 'The loan tape as JSON (root, leaf encoding, every asset with its leaf)' })
  tape(@CurrentPrincipal() p: Principal, @Id() id: string) {
    return this.tapes.tape(p, id);
  }

  @Get(':id/tape.csv')
  @Access.authenticated()
  @ApiOperation({ summary: 'The loan tape as CSV (canonical columns; its SHA-256 is anchored)' })
  async tapeCsv(@CurrentPrincipal() p: Principal, @Id() id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const csv = await this.tapes.csv(p, id);
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="pool-${id}-tape.csv"`);
    return csv;
  }

  @Get(':id/tape.pdf')
  @Access.authenticated()
  @ApiOperation({
    summary:
      "The tape's PDF summary (pool, cut-off figures, top obligors, maturity buckets, Merkle root and CSV hash), rendered at the lock; its SHA-256 is anchored",
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf; header X-Content-SHA256: the anchored hash' })
  @ApiConflictResponse({ type: ErrorBody, description: 'POOL_NOT_LOCKED (before the cut-off lock), POOL_TAPE_PDF_MISSING' })
  async tapePdf(@CurrentPrincipal() p: Principal, @Id() id: string, @Res() res: Response): Promise<void> {
    const { pdf, sha256, filename } = await this.tapes.pdf(p, id);
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`)
      .setHeader('X-Content-SHA256', sha256)
      .send(pdf);
  }

  @Get(':id/assets/:billId/proof')
  @Access.authenticated()
  @ApiOperation({ summary: "An asset's inclusion proof under the anchored tape root (check it with `tally verify-asset`, no API needed)" })
  proof(@CurrentPrincipal() p: Principal, @Id() id: string, @Id('billId') billId: string): Promise<AssetProof> {
    return this.tapes.proof(p, id, billId);
  }

  @Post(':id/deal')
  @Access.authenticated()
  @ApiOperation({
    summary:
      'Structure the locked pool: tranches, fees, reserve, triggers; stored in the waterfall engine format, credit enhancement per tranche',
  })
  @ApiCreatedResponse({ type: DealDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'POOL_NOT_LOCKED, DEAL_EXISTS' })
  createDeal(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: CreateDealDto): Promise<DealDto> {
    return this.deals.create(p, id, dto);
  }

  @Get(':id/deal')
  @Access.authenticated()
  @ApiOkResponse({ type: DealDto })
  deal(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<DealDto> {
    return this.deals.ofPool(p, id);
  }
}
