import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChainJobsService } from '#chain';
import { Access, ErrorBody, PlatformRole } from '#core';
import { ChainJobCountsDto } from '#platform';
import { ChainJobDto } from './chain-job.dto.js';

@ApiTags('chain')
@Controller('chain/jobs')
export class ChainJobsController {
  constructor(private readonly jobs: ChainJobsService) {}

  @Get('summary')
  @Access.roles(PlatformRole.PLATFORM_ADMIN, PlatformRole.AUDITOR)
  @ApiOperation({ summary: 'Outbox jobs per status (one SQL query)' })
  @ApiOkResponse({ type: ChainJobCountsDto })
  summary(): Promise<ChainJobCountsDto> {
    return this.jobs.counts();
  }

  @Get(':id')
  @Access.roles(PlatformRole.PLATFORM_ADMIN, PlatformRole.AUDITOR)
  @ApiOkResponse({ type: ChainJobDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async get(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string): Promise<ChainJobDto> {
    return ChainJobDto.from(await this.jobs.findById(id));
  }
}
