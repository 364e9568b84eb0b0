import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Access, ALL_ROLES, ErrorBody } from '#core';
import { projectDeal, projectGrid, type GridRequest, type ProjectionRequest } from '#securitization';
import { GridRequestDto, GridResponseDto, ProjectionRequestDto, ProjectionResponseDto } from './projection.dto.js';

/**
 * Pricing projections: pure computations on what the caller sends (nothing is stored), so every
 * signed-in role may call them, auditors included (POST only because the input is large).
 */
@ApiTags('projections')
@Controller('projections')
export class ProjectionsController {
  @Post()
  @HttpCode(HttpStatus.OK)
  @Access.roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Project a loan tape under CDR/CPR/recovery/delinquency, run the deal, measure each tranche' })
  @ApiOkResponse({ type: ProjectionResponseDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'The engine refused the deal or the assumptions (PROJECTION_INVALID)' })
  @ApiPayloadTooLargeResponse({ type: ErrorBody })
  project(@Body() dto: ProjectionRequestDto): ProjectionResponseDto {
    return projectDeal(dto as unknown as ProjectionRequest) as unknown as ProjectionResponseDto;
  }

  @Post('grid')
  @HttpCode(HttpStatus.OK)
  @Access.roles(...ALL_ROLES)
  @ApiOperation({ summary: 'The same measures on a CDR × CPR × recovery grid' })
  @ApiOkResponse({ type: GridResponseDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiUnprocessableEntityResponse({ type: ErrorBody })
  @ApiPayloadTooLargeResponse({ type: ErrorBody })
  grid(@Body() dto: GridRequestDto): GridResponseDto {
    return projectGrid(dto as unknown as GridRequest) as unknown as GridResponseDto;
  }
}
