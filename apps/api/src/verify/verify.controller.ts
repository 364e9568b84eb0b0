import { Body, Controller, HttpCode, HttpStatus, Post, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Access, ErrorBody } from '#core';
import { AnchoringErrorCode, AnchoringException, VerificationService } from '#anchoring';
import type { HashedFile } from './verify-hash.storage.js';
import { VerifyBatchDto, VerifyBatchResponseDto, VerifyHashDto, VerificationResultDto, VerifyReceiptDto } from './verify.dto.js';
import { VerifyRateLimitGuard } from './verify-rate-limit.guard.js';

/** Public verification: no login, rate limited per client IP. */
@ApiTags('verify')
@Controller('verify')
@UseGuards(VerifyRateLimitGuard)
@ApiTooManyRequestsResponse({ type: ErrorBody, description: 'Over the per-IP budget; see Retry-After' })
export class VerifyController {
  constructor(private readonly verification: VerificationService) {}

  @Post()
  @Access.public()
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Was this document anchored, when, in which transaction?',
    description:
      'Send the file (multipart `file`, hashed on the server and not kept) or its SHA-256 (`sha256`, JSON or form field). ' +
      'The answer is checked against the chain, and says why not when it is not anchored.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { sha256: { type: 'string' }, file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: VerificationResultDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  async verify(@UploadedFile() file: HashedFile | undefined, @Body() body: VerifyHashDto): Promise<VerificationResultDto> {
    const sha256 = file?.sha256 ?? body.sha256;
    if (sha256 === undefined) {
      throw new AnchoringException(
        AnchoringErrorCode.VERIFY_INPUT_MISSING,
        'Send the document as the `file` part of a multipart/form-data request, or its `sha256`',
      );
    }
    return VerificationResultDto.from(await this.verification.verifyHash(sha256));
  }

  @Post('receipt')
  @Access.public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check a receipt.json: its proof, and its root, batch, block and transaction on chain' })
  @ApiOkResponse({ type: VerificationResultDto })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'Not a receipt (each bad field is listed in details.problems)' })
  async receipt(@Body() body: VerifyReceiptDto): Promise<VerificationResultDto> {
    return VerificationResultDto.from(await this.verification.verifyReceipt(body.receipt, body.sha256));
  }

  @Post('batch')
  @Access.public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Verify up to 1,000 SHA-256 hashes at once (each answered on its own)' })
  @ApiOkResponse({ type: VerifyBatchResponseDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  async batch(@Body() body: VerifyBatchDto): Promise<VerifyBatchResponseDto> {
    return VerifyBatchResponseDto.from(await this.verification.verifyHashes(body.sha256));
  }
}
