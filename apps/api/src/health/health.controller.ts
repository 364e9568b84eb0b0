import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { Access } from '#core';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthDto, PlatformStatusService } from '#platform';

@ApiTags('platform')
@Controller('health')
export class HealthController {
  constructor(private readonly status: PlatformStatusService) {}

  @Get()
  @Access.public()
  @ApiOkResponse({ type: HealthDto, description: 'Database and chain are up' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database or the chain is down' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const health = await this.status.health();
    res.status(health.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return health;
  }
}
