import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '#core';
import { CounterpartyDirectoryService, CounterpartyDto } from '#identity';

@ApiTags('counterparties')
@Controller('counterparties')
export class CounterpartiesController {
  constructor(private readonly directory: CounterpartyDirectoryService) {}

  @Get()
  @Access.authenticated()
  @ApiOperation({
    summary: 'Approved participants by name (id, legal name, business roles), for naming and picking counterparties',
    description: 'A deliberate exception to organization scoping: see docs/architecture.md, "Counterparty directory".',
  })
  @ApiOkResponse({ type: [CounterpartyDto] })
  list(): Promise<CounterpartyDto[]> {
    return this.directory.list();
  }
}
