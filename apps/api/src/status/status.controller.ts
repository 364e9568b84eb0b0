import { Controller, Get } from '@nestjs/common';
import { Access } from '#core';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlatformStatusService, StatusDto } from '#platform';

@ApiTags('platform')
@Controller('status')
export class StatusController {
  constructor(private readonly status: PlatformStatusService) {}

  @Get()
  @Access.public()
  @ApiOperation({ summary: 'Database, chain, contracts and outbox at a glance (the portal dashboard)' })
  @ApiOkResponse({ type: StatusDto })
  get(): Promise<StatusDto> {
    return this.status.status();
  }
}
