import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, type Principal } from '#core';
import { InvestorPortfolioDto, InvestorPortfolioService } from '#securitization';

/** An investor's notes per tranche and the distributions it received. */
@ApiTags('servicing')
@Controller('investors')
export class InvestorPortfolioController {
  constructor(private readonly portfolio: InvestorPortfolioService) {}

  @Get(':id/portfolio')
  @Access.authenticated()
  @ApiOperation({ summary: "An organization's tranche holdings (allocated notes) and the distributions paid to its wallets" })
  @ApiOkResponse({ type: InvestorPortfolioDto })
  get(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<InvestorPortfolioDto> {
    return this.portfolio.portfolio(p, id);
  }
}
