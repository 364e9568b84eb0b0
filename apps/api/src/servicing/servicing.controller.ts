import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, type Principal } from '#core';
import type { DocumentView } from '#documents';
import { InvestorReportsService, PeriodRunsService, type PeriodRunView, type ProposePeriodRunInput, type ReportCsvView } from '#securitization';
import { ProposeFromDealDto, ProposePeriodRunDto, RejectPeriodRunDto } from './servicing.dto.js';

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

  @Get(':id')
  @Access.authenticated()
  @ApiOperation({ summary: 'A period run, its result and payouts' })
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
  @ApiOperation({ summary: 'The investor report CSV (the bytes that are anchored)' })
  csv(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<string> {
    return this.reports.csv(p, id);
  }

  @Post(':id/report/pdf')
  @HttpCode(HttpStatus.OK)
  @Access.authenticated()
  @ApiOperation({ summary: 'Render the PDF with the anchored CSV receipt; registered (and anchored) as a REPORT document' })
  async publishPdf(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<DocumentView> {
    return (await this.reports.publishPdf(p, id)).document;
  }
}
