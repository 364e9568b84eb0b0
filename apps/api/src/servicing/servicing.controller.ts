import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, type Principal } from '#core';
import type { DocumentView } from '#documents';
import {
  InvestorReportDto,
  InvestorReportsService,
  PeriodRunDto,
  PeriodRunsService,
  PeriodRunSummaryDto,
  ServicedDealDto,
  type InvestorReportView,
  type ServicedDeal,
  type PeriodRunSummary,
  type PeriodRunView,
  type ProposePeriodRunInput,
  type ReportCsvView,
} from '#securitization';
import { ListPeriodRunsQueryDto, ProposeFromDealDto, ProposePeriodRunDto, RejectPeriodRunDto } from './servicing.dto.js';

/** A download name without quotes or characters a header cannot carry. */
const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-');

/** Deals closed on chain, as the servicer and the trustee see their servicing. */
@ApiTags('servicing')
@Controller('servicing/deals')
export class ServicedDealsController {
  constructor(private readonly runs: PeriodRunsService) {}

  @Get()
  @Access.authenticated()
  @ApiOperation({ summary: 'Servicers, trustees and platform staff: the deals closed on chain, their last approved period and a period waiting for the trustee' })
  @ApiOkResponse({ type: [ServicedDealDto] })
  list(@CurrentPrincipal() p: Principal): Promise<ServicedDeal[]> {
    return this.runs.servicedDeals(p);
  }
}

/** Servicing period runs (servicer proposes, trustee decides) and their investor reports. */
@ApiTags('servicing')
@Controller('servicing/runs')
export class ServicingController {
  constructor(
    private readonly runs: PeriodRunsService,
    private readonly reports: InvestorReportsService,
  ) {}

  @Post()
  @Access.authenticated()
  @ApiOperation({ summary: 'Servicer: propose a period (collections, holders); the engine result is computed and stored' })
  propose(@CurrentPrincipal() p: Principal, @Body() dto: ProposePeriodRunDto): Promise<PeriodRunView> {
    return this.runs.propose(p, dto as unknown as ProposePeriodRunInput);
  }

  @Post('from-deal')
  @Access.authenticated()
  @ApiOperation({ summary: 'Servicer: propose a period of a deal closed on chain (collections from its pool bills, holders from its tranche tokens)' })
  proposeFromDeal(@CurrentPrincipal() p: Principal, @Body() dto: ProposeFromDealDto): Promise<PeriodRunView> {
    return this.runs.proposeFromDeal(p, dto);
  }

  @Get()
  @Access.authenticated()
  @ApiOperation({
    summary:
      "The period runs the caller may read: servicers, trustees and platform staff every run; another organization the approved runs of the deals whose notes its wallets held at the record date",
  })
  @ApiOkResponse({ type: [PeriodRunSummaryDto] })
  list(@CurrentPrincipal() p: Principal, @Query() q: ListPeriodRunsQueryDto): Promise<PeriodRunSummary[]> {
    return this.runs.list(p, q.dealId);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOperation({ summary: "A period run, its result and payouts (a holder of the deal's notes: an approved run, its own payouts and lines only)" })
  @ApiOkResponse({ type: PeriodRunDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<PeriodRunView> {
    return this.runs.get(p, id);
  }

  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @Access.authenticated()
  @ApiOperation({ summary: 'Trustee (another organization): approve; the payouts go to the outbox' })
  approve(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<PeriodRunView> {
    return this.runs.approve(p, id);
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @Access.authenticated()
  @ApiOperation({ summary: 'Trustee (another organization): reject with a reason' })
  reject(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RejectPeriodRunDto): Promise<PeriodRunView> {
    return this.runs.reject(p, id, dto.reason);
  }

  @Post(':id/report/csv')
  @HttpCode(HttpStatus.OK)
  @Access.authenticated()
  @ApiOperation({ summary: 'Publish the investor report CSV (stored, queued for anchoring)' })
  publishCsv(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ReportCsvView> {
    return this.reports.publishCsv(p, id);
  }

  @Get(':id/report.csv')
  @Access.authenticated()
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: "The investor report CSV (the bytes that are anchored); for the run's readers (see GET /servicing/runs)" })
  csv(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<string> {
    return this.reports.csv(p, id);
  }

  @Get(':id/report')
  @Access.authenticated()
  @ApiOperation({ summary: "The investor report's figures (a holder: its own distribution lines) and its CSV and PDF with their anchoring" })
  @ApiOkResponse({ type: InvestorReportDto })
  report(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<InvestorReportView> {
    return this.reports.view(p, id);
  }

  @Get(':id/report.pdf')
  @Access.authenticated()
  @ApiOperation({ summary: 'The published investor report PDF (the anchored bytes, with the CSV receipt printed on it)' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<StreamableFile> {
    const file = await this.reports.pdf(p, id);
    return new StreamableFile(file.stream, { type: 'application/pdf', disposition: `attachment; filename="${safeName(file.filename)}"` });
  }

  @Post(':id/report/pdf')
  @HttpCode(HttpStatus.OK)
  @Access.authenticated()
  @ApiOperation({ summary: 'Render the PDF with the anchored CSV receipt; registered (and anchored) as a REPORT document' })
  async publishPdf(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<DocumentView> {
    return (await this.reports.publishPdf(p, id)).document;
  }
}
