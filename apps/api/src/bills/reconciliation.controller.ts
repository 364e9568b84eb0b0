import { Controller, Get } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ErrorBody, PlatformRole } from '#core';
import { ReconciliationDifferenceDto, ReconciliationService } from '#bills';

@ApiTags('reconciliation')
@Controller('reconciliation')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Get()
  @Access.roles(PlatformRole.PLATFORM_ADMIN, PlatformRole.AUDITOR)
  @ApiOperation({
    summary: 'Every difference between the database and the chain (`tally reconcile`)',
    description:
      'Bills (existence, status, holder, encumbrance, terms), financings and payments (DvP settled flags), settlement movements ' +
      '(deposit / withdrawal references used on the token) and bill jobs whose transaction is not in the canonical chain, read at ' +
      'the confirmed tip. Bills with a chain job in flight are skipped. An empty list means the database and the chain agree.',
  })
  @ApiOkResponse({ type: [ReconciliationDifferenceDto] })
  @ApiForbiddenResponse({ type: ErrorBody })
  diff(): Promise<ReconciliationDifferenceDto[]> {
    return this.reconciliation.diff();
  }
}
