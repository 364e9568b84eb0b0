import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access, ErrorBody } from '#core';
import { AnchoringService } from '#anchoring';
import { ApprovedOrganizationGuard } from '#identity';
import {
  AnchorBatchDto,
  AnchorBatchPageDto,
  AnchorBatchQueryDto,
  HashStatusDto,
  SubmitHashesDto,
  SubmitHashesResponseDto,
} from './anchor.dto.js';

@ApiTags('anchoring')
@Controller('anchors')
export class AnchorsController {
  constructor(private readonly anchoring: AnchoringService) {}

  @Post('hashes')
  @Access.authenticated()
  @UseGuards(ApprovedOrganizationGuard)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Queue up to 100,000 precomputed SHA-256 hashes for anchoring',
    description:
      'For systems that anchor their own records. Each item is answered on its own (a malformed hash fails alone); ' +
      'a hash submitted before is anchored once. Receipts: GET /api/v1/anchors/hashes/{sha256} once the state is ANCHORED.',
  })
  @ApiOkResponse({ type: SubmitHashesResponseDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiPayloadTooLargeResponse({ type: ErrorBody, description: 'More than 100,000 hashes, or a body over 16 MB' })
  async submit(@Body() body: SubmitHashesDto): Promise<SubmitHashesResponseDto> {
    return SubmitHashesResponseDto.from(await this.anchoring.submitHashes(body.hashes));
  }

  @Get('hashes/:sha256')
  @Access.authenticated()
  @ApiOperation({ summary: 'Where a submitted hash is; its receipt once anchored' })
  @ApiOkResponse({ type: HashStatusDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Never submitted' })
  async hash(@Param('sha256') sha256: string): Promise<HashStatusDto> {
    const { status, receipt } = await this.anchoring.describeHash(sha256);
    return HashStatusDto.from(status, receipt ?? undefined);
  }

  @Get('batches')
  @Access.authenticated()
  @ApiOperation({ summary: 'Anchor batches, newest first' })
  @ApiOkResponse({ type: AnchorBatchPageDto })
  async batches(@Query() q: AnchorBatchQueryDto): Promise<AnchorBatchPageDto> {
    const page = await this.anchoring.listBatches(q);
    return { ...page, items: page.items.map(AnchorBatchDto.from) };
  }

  @Get('batches/:id')
  @Access.authenticated()
  @ApiOkResponse({ type: AnchorBatchDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async batch(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string): Promise<AnchorBatchDto> {
    return AnchorBatchDto.from(await this.anchoring.getBatch(id));
  }
}
