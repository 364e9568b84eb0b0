import { Controller, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { createInterface } from 'node:readline';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, OwnIdempotency, type Principal } from '#core';
import { BillErrorCode, BillException, BillIntakeService, bulkFormatOf, BULK_MAX_ROWS, type BulkIntakeResult } from '#bills';

/** The body's lines; a body cut off (the client gone) is an error, never taken for the whole file: a retry with the key resumes. */
async function* linesOf(req: Request): AsyncGenerator<string> {
  req.setEncoding('utf8');
  for await (const line of createInterface({ input: req, crlfDelay: Infinity })) yield line;
  if (!req.complete) throw new BillException(BillErrorCode.BULK_BODY_INCOMPLETE, 'The request body ended early; send it again with the same Idempotency-Key to resume');
}

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

@ApiTags('bills')
@Controller('bills/bulk')
export class BillIntakeController {
  constructor(private readonly intake: BillIntakeService) {}

  @Post()
  @HttpCode(200)
  @Access.authenticated()
  @OwnIdempotency()
  @ApiConsumes('application/x-ndjson', 'text/csv')
  @ApiBody({ description: `Up to ${BULK_MAX_ROWS} rows: JSON lines, or CSV with a header, of buyerOrganizationId, invoiceNumber, amountMinor, currency, issueDate, dueDate` })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Resumes the intake of this key: rows already committed are not read again' })
  @ApiOperation({ summary: 'Issue many bills (supplier): a result per row; registered on chain in batches through the outbox' })
  @ApiOkResponse({ description: '{ intakeId, idempotencyKey, rows, ok, failed, results: [{ row, ok, billId | error { code, message } }] }' })
  bulk(@CurrentPrincipal() p: Principal, @Req() req: Request, @Headers('idempotency-key') key?: string): Promise<BulkIntakeResult> {
    const format = bulkFormatOf(req.headers['content-type']);
    if (!format) throw new BillException(BillErrorCode.BULK_FORMAT_UNSUPPORTED, 'Send the rows as application/x-ndjson (JSON lines) or text/csv');
    if (key !== undefined && !KEY.test(key)) throw new BillException(BillErrorCode.BULK_KEY_REQUIRED, 'Idempotency-Key must be 8 to 200 characters of A-Z a-z 0-9 _ . : -');
    return this.intake.intake(p, format, linesOf(req), key);
  }

  @Get(':key')
  @Access.authenticated()
  @ApiOperation({ summary: 'The row results of a bulk intake of the caller’s organization, by its id or idempotency key' })
  result(@CurrentPrincipal() p: Principal, @Param('key') key: string): Promise<BulkIntakeResult> {
    return this.intake.get(p, key);
  }
}
