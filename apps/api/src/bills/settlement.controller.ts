import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, PlatformRole, type Principal } from '#core';
import { BalanceDto, MovementDto, RecordMovementDto, SettlementService, StatementDto, StatementService } from '#settlement';

@ApiTags('settlement')
@Controller('settlement')
export class SettlementController {
  constructor(
    private readonly settlement: SettlementService,
    private readonly statements: StatementService,
  ) {}

  @Post('deposits')
  @Access.roles(PlatformRole.PLATFORM_ADMIN)
  @ApiOperation({ summary: 'Settlement agent: record a fiat deposit and mint tokenized deposits' })
  @ApiCreatedResponse({ type: MovementDto })
  deposit(@CurrentPrincipal() p: Principal, @Body() dto: RecordMovementDto): Promise<MovementDto> {
    return this.settlement.deposit(p, dto);
  }

  @Post('withdrawals')
  @Access.roles(PlatformRole.PLATFORM_ADMIN)
  @ApiOperation({ summary: 'Settlement agent: burn tokenized deposits against a fiat withdrawal' })
  @ApiCreatedResponse({ type: MovementDto })
  withdraw(@CurrentPrincipal() p: Principal, @Body() dto: RecordMovementDto): Promise<MovementDto> {
    return this.settlement.withdraw(p, dto);
  }

  @Get('organizations/:id/balances')
  @Access.authenticated()
  @ApiOkResponse({ type: [BalanceDto] })
  balances(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<BalanceDto[]> {
    return this.settlement.balances(p, id);
  }

  @Get('organizations/:id/movements')
  @Access.authenticated()
  @ApiOkResponse({ type: [MovementDto] })
  movements(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<MovementDto[]> {
    return this.settlement.movements(p, id);
  }

  @Get('organizations/:id/statement')
  @Access.authenticated()
  @ApiOperation({ summary: "The organization's statement: deposits, withdrawals, financing prices, repayments, bill payments and distributions, with counterparties" })
  @ApiOkResponse({ type: StatementDto })
  statement(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<StatementDto> {
    return this.statements.statement(p, id);
  }

  @Get('organizations/:id/statement.pdf')
  @Access.authenticated()
  @ApiOperation({ summary: 'The statement as a PDF (deterministic: the same statement gives the same bytes)' })
  @ApiOkResponse({ description: 'application/pdf' })
  async statementPdf(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Res() res: Response): Promise<void> {
    const { pdf, filename } = await this.statements.statementPdf(p, id);
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${filename}"`).send(pdf);
  }
}
