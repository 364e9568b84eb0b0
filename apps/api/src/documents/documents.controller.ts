import {
  Body,
  Controller,
  Get,
  Header,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentPrincipal, ErrorBody, type Principal } from '#core';
import { DocumentKind, DocumentsErrorCode, DocumentsException, DocumentsService } from '#documents';
import { ApprovedOrganizationGuard } from '#identity';
import { AnchorReceiptDto } from '../anchoring/anchor-receipt.dto.js';
import { DocumentDto, DocumentListQueryDto, DocumentPageDto, UploadDocumentDto } from './document.dto.js';
import type { UploadedDocument } from './document-upload.storage.js';

const attachment = (filename: string) => `attachment; filename="${filename}"`;

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Access.authenticated()
  @UseGuards(ApprovedOrganizationGuard) // anchoring spends the operator's gas
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: "Upload a document for the caller's organization",
    description:
      'multipart/form-data with a `file` part (PDF, XML, PNG or JPEG, judged by content; at most DOCUMENT_MAX_BYTES) and ' +
      'optional `kind` and `name` fields. The hash is queued for anchoring. The same content uploaded again by the same ' +
      'organization answers 200 with the first document.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: { type: 'string', enum: Object.values(DocumentKind) },
        name: { type: 'string', maxLength: 255 },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentDto, description: 'Stored, and queued for anchoring' })
  @ApiOkResponse({ type: DocumentDto, description: 'This organization already holds this content: the first document' })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'No file part, an empty file, or a bad field' })
  @ApiPayloadTooLargeResponse({ type: ErrorBody })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorBody, description: 'Not a PDF, XML, PNG or JPEG' })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() file: UploadedDocument | undefined,
    @Body() body: UploadDocumentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentDto> {
    if (!file) {
      throw new DocumentsException(
        DocumentsErrorCode.DOCUMENT_FILE_MISSING,
        'Send the document as the `file` part of a multipart/form-data request',
      );
    }
    const { document, created } = await this.documents.register(principal, file, { name: body.name ?? file.originalname, kind: body.kind });
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return DocumentDto.from(document);
  }

  @Get()
  @Access.authenticated()
  @ApiOperation({ summary: "Documents the caller may read (its organization's; all for platform roles), newest first" })
  @ApiOkResponse({ type: DocumentPageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() q: DocumentListQueryDto): Promise<DocumentPageDto> {
    const page = await this.documents.list(principal, q);
    return { ...page, items: page.items.map(DocumentDto.from) };
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: DocumentDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: undefined })) id: string,
  ): Promise<DocumentDto> {
    return DocumentDto.from(await this.documents.get(principal, id));
  }

  @Get(':id/receipt.json')
  @Access.authenticated()
  @ApiOperation({ summary: 'The self-contained proof file of an anchored document (tally verify, OpenZeppelin, any RPC node)' })
  @ApiOkResponse({ type: AnchorReceiptDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Not anchored yet' })
  async receipt(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: undefined })) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AnchorReceiptDto> {
    const { receipt, filename } = await this.documents.receipt(principal, id);
    res.setHeader('Content-Disposition', attachment(filename));
    return receipt;
  }

  @Get(':id/certificate.pdf')
  @Access.authenticated()
  @Header('Content-Type', 'application/pdf')
  @ApiOperation({ summary: 'PDF certificate of an anchored document, with a QR code to the public verify page' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Not anchored yet' })
  async certificate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: undefined })) id: string,
  ): Promise<StreamableFile> {
    const { pdf, filename } = await this.documents.certificate(principal, id);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: attachment(filename), length: pdf.length });
  }

  @Get(':id/content')
  @Access.authenticated()
  @ApiOperation({ summary: 'The document itself' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorBody })
  async content(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: undefined })) id: string,
  ): Promise<StreamableFile> {
    const file = await this.documents.content(principal, id);
    return new StreamableFile(file.stream, { type: file.mediaType, disposition: attachment(file.filename), length: file.sizeBytes });
  }
}
