import { Controller, Get } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ErrorBody, PlatformRole } from '#core';
import { ReconciliationDifferenceDto, ReconciliationService } from '#bills';
import { ClosingReconciliationService } from '#securitization';

@ApiTags('reconciliation')
@Controller('reconciliation')
export class ReconciliationController {
  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly closings: ClosingReconciliationService,
  ) {}

  @Get()
  @Access.roles(PlatformRole.PLATFORM_ADMIN, PlatformRole.AUDITOR)
  @ApiOperation({
    summary: 'Every difference between the database and the chain (`tally reconcile`)',
    description:
      'Bills (existence, status, holder, encumbrance, terms), financings and payments (DvP settled flags), settlement movements ' +
      '(deposit / withdrawal references used on the token) and bill jobs whose transaction is not in the canonical chain, read at ' +
      'the confirmed tip; deal closings (vault batch and payment flags, DvP subscription flags, note balances per investor, the vault\'s ' +
      'cash). Bills or closings with a chain job in flight are skipped. An empty list means the database and the chain agree.',
  })
  @ApiOkResponse({ type: [ReconciliationDifferenceDto] })
  @ApiForbiddenResponse({ type: ErrorBody })
  async diff(): Promise<ReconciliationDifferenceDto[]> {
    const [bills, closings] = await Promise.all([this.reconciliation.diff(), this.closings.diff()]);
    return [...bills, ...closings];
  }
}
