import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one JSON shape of every error the API returns. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request', description: 'HTTP reason phrase' })
  error: string;

  @ApiProperty({ example: 'Validation failed' })
  message: string;

  @ApiPropertyOptional({ example: 'BILL_ALREADY_FINANCED', description: 'Domain error code, when there is one' })
  code?: string;

  @ApiPropertyOptional({ description: 'Structured detail, e.g. one entry per invalid field', oneOf: [{ type: 'object', additionalProperties: true }, { type: 'array', items: {} }] })
  details?: unknown;

  @ApiProperty({ example: '5b0c7c36-1b2f-4a55-9d0e-8d8c1c7b9f01' })
  requestId: string;
}
