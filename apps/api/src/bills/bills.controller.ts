import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { ApiBody, ApiConsumes, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, ErrorBody, PlatformRole, type Principal } from '#core';
import { ApprovedOrganizationGuard } from '#identity';
import {
  AcceptBillDto,
  BillDetailDto,
  BillDocumentsService,
  BillDto,
  BillIssuerGuard,
  BillPageDto,
  BillsService,
  FinancingDto,
  FinancingRequestDto,
  FinancierPortfolioDto,
  FinancierPortfolioService,
  FinancingService,
  FingerprintCheckDto,
  FingerprintCheckResultDto,
  IssueBillDto,
  ListBillsQueryDto,
  MakeOfferDto,
  OfferDto,
  ReasonBillDto,
  SplitBillDto,
  TransferBillDto,
  UblImportService,
  type UblImportResult,
} from '#bills';

const Id = (name = 'id') => Param(name, new ParseUUIDPipe());

@ApiTags('bills')
@ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown, or not visible to the caller' })
@ApiForbiddenResponse({ type: ErrorBody })
@ApiConflictResponse({ type: ErrorBody, description: 'State machine, encumbrance, pending chain action, duplicate' })
@Controller('bills')
export class BillsController {
  constructor(
    private readonly bills: BillsService,
    private readonly financing: FinancingService,
    private readonly ubl: UblImportService,
    private readonly documents: BillDocumentsService,
  ) {}

  @Get('export.csv')
  @Access.authenticated()
  @ApiOperation({ summary: 'The bills the caller sees, as CSV (same filters as the list)' })
  async exportCsv(@CurrentPrincipal() p: Principal, @Query() q: ListBillsQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="bills.csv"');
    return this.documents.csv(p, q);
  }

  @Get(':id/bill.pdf')
  @Access.authenticated()
  @ApiOperation({ summary: 'The bill as a PDF, with its document\'s anchoring status and its lifecycle' })
  async pdf(@CurrentPrincipal() p: Principal, @Id() id: string, @Res() res: Response): Promise<void> {
    const { pdf, filename } = await this.documents.pdf(p, id);
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${filename}"`).send(pdf);
  }

  @Post('import/ubl')
  @Access.authenticated()
  // who asks (an ORG_ADMIN of a SUPPLIER organization), then KYC approval (the invoices are anchored:
  // operator gas): guards run before the interceptor, so a refused caller's files are never read
  @UseGuards(BillIssuerGuard, ApprovedOrganizationGuard)
  @UseInterceptors(FilesInterceptor('files', 100, { limits: { fileSize: 5 * 1_048_576, files: 100 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        files: { type: 'array', items: { type: 'string', format: 'binary' } },
        dueDate: { type: 'string', example: '2026-12-31', description: 'for invoices without BT-9' },
      },
    },
  })
  @ApiOperation({ summary: 'Import Peppol BIS 3.0 / UBL 2.1 invoices: one file → the bill (201) or its error; several → a result per file (200)' })
  async importUbl(
    @CurrentPrincipal() p: Principal,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BillDto | { results: UblImportResult[] }> {
    if (!files?.length) throw new BadRequestException('Send one or more XML files in the multipart field "files"');
    const extra = Object.keys(body ?? {}).filter((k) => k !== 'dueDate');
    if (extra.length) throw new BadRequestException(`Unknown fields: ${extra.join(', ')}`);
    const dueDate = typeof body?.dueDate === 'string' && body.dueDate ? body.dueDate : undefined;
    if (dueDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) throw new BadRequestException('dueDate must be YYYY-MM-DD');
    const input = files.map((f) => ({ filename: f.originalname, content: f.buffer }));
    if (input.length === 1) return this.ubl.importOne(p, input[0]!, dueDate);
    res.status(200);
    return { results: await this.ubl.importMany(p, input, dueDate) };
  }

  @Post()
  @Access.authenticated()
  @ApiOperation({ summary: 'Issue a bill (supplier); registered on chain through the outbox' })
  @ApiCreatedResponse({ type: BillDto })
  issue(@CurrentPrincipal() p: Principal, @Body() dto: IssueBillDto): Promise<BillDto> {
    return this.bills.issue(p, dto);
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: BillPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: ListBillsQueryDto): Promise<BillPageDto> {
    return this.bills.list(p, q);
  }

  @Post('fingerprint-check')
  @HttpCode(200)
  @Access.authenticated()
  @UseGuards(ApprovedOrganizationGuard)
  @ApiOperation({ summary: 'Is this receivable already registered or encumbered? (nothing else is told)' })
  @ApiOkResponse({ type: FingerprintCheckResultDto })
  fingerprintCheck(@Body() dto: FingerprintCheckDto): Promise<FingerprintCheckResultDto> {
    return this.bills.fingerprintCheck(dto);
  }

  @Get('duplicate-alerts')
  @Access.roles(PlatformRole.PLATFORM_ADMIN, PlatformRole.AUDITOR)
  @ApiOperation({ summary: 'Refused second registrations of existing receivables' })
  duplicateAlerts() {
    return this.bills.duplicateAlerts();
  }

  @Get('marketplace')
  @Access.authenticated()
  @ApiOperation({ summary: 'Open financing requests (financiers)' })
  marketplace(@CurrentPrincipal() p: Principal) {
    return this.financing.marketplace(p);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: BillDetailDto })
  get(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<BillDetailDto> {
    return this.bills.get(p, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOperation({ summary: 'The buyer accepts (EIP-712 signature of its custodial wallet, or an external one)' })
  @ApiOkResponse({ type: BillDto })
  accept(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: AcceptBillDto): Promise<BillDto> {
    return this.bills.accept(p, id, dto);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOkResponse({ type: BillDto })
  reject(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: ReasonBillDto): Promise<BillDto> {
    return this.bills.reject(p, id, dto.reason);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOkResponse({ type: BillDto })
  cancel(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: ReasonBillDto): Promise<BillDto> {
    return this.bills.cancel(p, id, dto.reason);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOperation({ summary: 'Endorse the bill to another verified organization (holder)' })
  @ApiOkResponse({ type: BillDto })
  transfer(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: TransferBillDto): Promise<BillDto> {
    return this.bills.transfer(p, id, dto.toOrganizationId);
  }

  @Post(':id/split')
  @Access.authenticated()
  @ApiOperation({ summary: 'Split into parts that sum to the face amount (holder)' })
  @ApiCreatedResponse({ type: [BillDto] })
  split(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: SplitBillDto): Promise<BillDto[]> {
    return this.bills.split(p, id, dto.amountsMinor);
  }

  @Post(':id/financing-requests')
  @Access.authenticated()
  @ApiOperation({ summary: 'Ask financiers to finance the bill (holder)' })
  @ApiCreatedResponse({ type: FinancingRequestDto })
  requestFinancing(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<FinancingRequestDto> {
    return this.financing.request(p, id);
  }

  @Get(':id/offers')
  @Access.authenticated()
  @ApiOkResponse({ type: [OfferDto] })
  offers(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<OfferDto[]> {
    return this.financing.offersOf(p, id);
  }

  @Post(':id/pay')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOperation({ summary: 'The obligor pays the face amount to the holder (DvP); the bill becomes PAID' })
  @ApiOkResponse({ type: BillDto })
  pay(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<BillDto> {
    return this.financing.pay(p, id);
  }
}

@ApiTags('financing')
@Controller('financing')
export class FinancingController {
  constructor(
    private readonly financing: FinancingService,
    private readonly portfolio: FinancierPortfolioService,
  ) {}

  @Get('portfolio')
  @Access.authenticated()
  @ApiOperation({ summary: "The caller's outstanding financed bills per currency, with the weighted-average discount rate (financiers)" })
  @ApiOkResponse({ type: [FinancierPortfolioDto] })
  financierPortfolio(@CurrentPrincipal() p: Principal): Promise<FinancierPortfolioDto[]> {
    return this.portfolio.portfolio(p);
  }

  @Post('requests/:id/offers')
  @Access.authenticated()
  @ApiOperation({ summary: 'Offer terms on an open request (financier); the quote is computed exactly' })
  @ApiCreatedResponse({ type: OfferDto })
  offer(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: MakeOfferDto): Promise<OfferDto> {
    return this.financing.offer(p, id, dto);
  }

  @Post('offers/:id/accept')
  @HttpCode(200)
  @Access.authenticated()
  @ApiOperation({ summary: 'Accept an offer (holder): delivery versus payment on chain' })
  @ApiOkResponse({ type: FinancingDto })
  accept(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<FinancingDto> {
    return this.financing.acceptOffer(p, id);
  }
}
