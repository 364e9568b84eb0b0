import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, ErrorBody, OrgRole, PlatformRole, type Principal } from '#core';
import {
  ApproveKycDto,
  BindWalletDto,
  ChallengeDto,
  CreateChallengeDto,
  CreateOrganizationDto,
  FalsePositiveDto,
  KycDocumentsService,
  KycQueueItemDto,
  KycService,
  ListOrganizationsQueryDto,
  OrganizationDto,
  OrganizationPageDto,
  OrganizationsService,
  ReasonDto,
  ScreeningDto,
  UpdateOrganizationDto,
  VisibleOrganizationGuard,
  WalletDto,
  WalletsService,
} from '#identity';

const Id = () => Param('id', new ParseUUIDPipe());

@ApiTags('organizations')
@ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown, or another organization' })
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly kyc: KycService,
    private readonly wallets: WalletsService,
    private readonly kycDocuments: KycDocumentsService,
  ) {}

  @Post(':id/kyc/documents')
  @Access.roles(PlatformRole.PLATFORM_ADMIN, OrgRole.ORG_ADMIN)
  @UseGuards(VisibleOrganizationGuard) // another organization: its 404 before the file is read
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 25 * 1_048_576, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Add a KYC document (stored content-addressed, hashed and anchored)' })
  async addKycDocument(@CurrentPrincipal() p: Principal, @Id() id: string, @UploadedFile() file: Express.Multer.File | undefined, @Res({ passthrough: true }) res: Response) {
    if (!file) throw new BadRequestException('Send the document as the `file` part of a multipart/form-data request');
    const { document, created } = await this.kycDocuments.add(p, id, { name: file.originalname, content: file.buffer });
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK); // the same content again: the first document, 200
    return document;
  }

  @Get(':id/kyc/documents')
  @Access.authenticated()
  @ApiOperation({ summary: "The organization's KYC documents with their anchoring status" })
  kycDocumentsOf(@CurrentPrincipal() p: Principal, @Id() id: string) {
    return this.kycDocuments.list(p, id);
  }

  @Post()
  @Access.roles(PlatformRole.PLATFORM_ADMIN)
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'LEI_TAKEN' })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(p, dto);
  }

  @Get()
  @Access.authenticated()
  @ApiOperation({ summary: 'Organizations the caller may see (its own; all for platform roles)' })
  @ApiOkResponse({ type: OrganizationPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: ListOrganizationsQueryDto): Promise<OrganizationPageDto> {
    return this.organizations.list(p, q);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: OrganizationDto })
  get(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<OrganizationDto> {
    return this.organizations.get(p, id);
  }

  @Patch(':id')
  @Access.roles(PlatformRole.PLATFORM_ADMIN, OrgRole.ORG_ADMIN)
  @ApiOkResponse({ type: OrganizationDto })
  update(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.update(p, id, dto);
  }

  @Post(':id/kyc/submit')
  @HttpCode(200)
  @Access.roles(PlatformRole.PLATFORM_ADMIN, OrgRole.ORG_ADMIN)
  @ApiOperation({ summary: 'DRAFT → SUBMITTED; runs the sanctions screening' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'KYC_TRANSITION_NOT_ALLOWED' })
  submit(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<OrganizationDto> {
    return this.kyc.submit(p, id);
  }

  @Post(':id/kyc/resubmit')
  @HttpCode(200)
  @Access.roles(PlatformRole.PLATFORM_ADMIN, OrgRole.ORG_ADMIN)
  @ApiOperation({ summary: 'REJECTED → SUBMITTED after the organization corrected its file; runs the sanctions screening again' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'KYC_TRANSITION_NOT_ALLOWED' })
  resubmit(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<OrganizationDto> {
    return this.kyc.resubmit(p, id);
  }

  @Post(':id/kyc/approve')
  @HttpCode(200)
  @Access.roles(PlatformRole.KYC_OFFICER)
  @ApiOperation({ summary: 'SUBMITTED → APPROVED (screening clear); registers the wallets on chain' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'KYC_TRANSITION_NOT_ALLOWED, KYC_SCREENING_HIT' })
  approve(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: ApproveKycDto): Promise<OrganizationDto> {
    return this.kyc.approve(p, id, dto);
  }

  @Post(':id/kyc/reject')
  @HttpCode(200)
  @Access.roles(PlatformRole.KYC_OFFICER)
  @ApiOkResponse({ type: OrganizationDto })
  reject(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: ReasonDto): Promise<OrganizationDto> {
    return this.kyc.reject(p, id, dto.reason);
  }

  @Post(':id/kyc/suspend')
  @HttpCode(200)
  @Access.roles(PlatformRole.KYC_OFFICER, PlatformRole.PLATFORM_ADMIN)
  @ApiOperation({ summary: 'APPROVED → SUSPENDED; removes the wallets from the on-chain registry' })
  @ApiOkResponse({ type: OrganizationDto })
  suspend(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: ReasonDto): Promise<OrganizationDto> {
    return this.kyc.suspend(p, id, dto.reason);
  }

  @Get(':id/kyc/screening')
  @Access.roles(PlatformRole.KYC_OFFICER, PlatformRole.PLATFORM_ADMIN, PlatformRole.AUDITOR)
  @ApiOkResponse({ type: ScreeningDto })
  screening(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<ScreeningDto> {
    return this.kyc.screeningOf(p, id);
  }

  @Post(':id/kyc/screening')
  @HttpCode(200)
  @Access.roles(PlatformRole.KYC_OFFICER)
  @ApiOperation({ summary: 'Run the sanctions screening again' })
  @ApiOkResponse({ type: ScreeningDto })
  rescreen(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<ScreeningDto> {
    return this.kyc.runScreening(p, id);
  }

  @Post(':id/kyc/screening/false-positives')
  @HttpCode(200)
  @Access.roles(PlatformRole.KYC_OFFICER)
  @ApiOperation({ summary: 'Record that a screening hit is not this organization' })
  @ApiOkResponse({ type: ScreeningDto })
  falsePositive(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: FalsePositiveDto): Promise<ScreeningDto> {
    return this.kyc.recordFalsePositive(p, id, dto.hitId, dto.reason);
  }

  @Get(':id/wallets')
  @Access.authenticated()
  @ApiOkResponse({ type: [WalletDto] })
  listWallets(@CurrentPrincipal() p: Principal, @Id() id: string): Promise<WalletDto[]> {
    return this.wallets.list(p, id);
  }

  @Post(':id/wallets/challenges')
  @Access.roles(PlatformRole.PLATFORM_ADMIN, OrgRole.ORG_ADMIN)
  @ApiOperation({ summary: 'A single-use message (valid 10 minutes) for an external wallet to sign' })
  @ApiCreatedResponse({ type: ChallengeDto })
  challenge(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: CreateChallengeDto): Promise<ChallengeDto> {
    return this.wallets.createChallenge(p, id, dto.address);
  }

  @Post(':id/wallets')
  @Access.roles(PlatformRole.PLATFORM_ADMIN, OrgRole.ORG_ADMIN)
  @ApiOperation({ summary: 'Bind an external wallet with its signature of a challenge (EIP-191)' })
  @ApiCreatedResponse({ type: WalletDto })
  bind(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: BindWalletDto): Promise<WalletDto> {
    return this.wallets.bindExternal(p, id, dto.challengeId, dto.signature);
  }
}

@ApiTags('kyc')
@Controller('kyc')
export class KycQueueController {
  constructor(private readonly kyc: KycService) {}

  @Get('queue')
  @Access.roles(PlatformRole.KYC_OFFICER, PlatformRole.PLATFORM_ADMIN, PlatformRole.AUDITOR)
  @ApiOperation({ summary: 'Submitted organizations awaiting a decision, with their screening' })
  @ApiOkResponse({ type: [KycQueueItemDto] })
  queue(): Promise<KycQueueItemDto[]> {
    return this.kyc.queue();
  }
}
