import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, AuditService, CurrentPrincipal, organizationScope, PlatformRole, type Principal } from '#core';
import { AuditEntryDto, AuditPageDto, AuditQueryDto, AuditVerificationDto } from './audit.dto.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access.authenticated()
  @ApiOperation({ summary: 'The audit log (auditors and platform admins: all; others: their organization)' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@CurrentPrincipal() p: Principal, @Query() q: AuditQueryDto): Promise<AuditPageDto> {
    const { items, total } = await this.audit.list({ organizationIds: organizationScope(p), ...q }, q.page, q.pageSize);
    return { items: items.map(AuditEntryDto.from), total, page: q.page, pageSize: q.pageSize };
  }

  @Get('verify')
  @Access.roles(PlatformRole.AUDITOR, PlatformRole.PLATFORM_ADMIN)
  @ApiOperation({ summary: 'Recompute the whole hash chain; names the first broken link' })
  @ApiOkResponse({ type: AuditVerificationDto })
  verify(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }
}
