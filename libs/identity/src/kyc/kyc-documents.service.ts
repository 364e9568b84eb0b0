import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { hasRole, OrgRole, PlatformRole, type Principal } from '#core';
import { DocumentKind, DocumentsService, type DocumentView } from '#documents';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { OrganizationAccess } from '../organizations/organization-access.js';
import { KycState } from '../organizations/organization.entity.js';

/**
 * KYC documents of an organization: stored content-addressed like every document (owned by the
 * organization, kind KYC), hashed, and anchored by the documents lib in the same transaction.
 */
@Injectable()
export class KycDocumentsService {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly documents: DocumentsService,
  ) {}

  async add(p: Principal, organizationId: string, file: { name: string; content: Buffer }): Promise<{ document: DocumentView; created: boolean }> {
    const org = await this.access.readable(p, organizationId);
    const ownAdmin = p.organizationId === organizationId && hasRole(p, OrgRole.ORG_ADMIN);
    if (!ownAdmin && !hasRole(p, PlatformRole.PLATFORM_ADMIN)) {
      throw new IdentityException(IdentityErrorCode.FORBIDDEN, "Only the organization's admin adds its KYC documents");
    }
    // the document belongs to the organization under review, whoever uploads it
    return this.documents.upload({ ...p, organizationId }, Readable.from(file.content), {
      name: file.name,
      kind: DocumentKind.KYC,
      // anchored at approval: an organization under review spends no operator gas
      anchor: org.kycState === KycState.APPROVED,
    });
  }

  /** At approval, in its transaction: the organization's documents whose anchoring waited. */
  anchorDeferred(m: EntityManager, organizationId: string): Promise<number> {
    return this.documents.anchorPendingOf(m, organizationId);
  }

  async list(p: Principal, organizationId: string): Promise<DocumentView[]> {
    await this.access.readable(p, organizationId);
    const scoped: Principal = { ...p, organizationId, roles: [OrgRole.ORG_MEMBER] };
    const page = await this.documents.list(scoped, { page: 1, pageSize: 200, kind: DocumentKind.KYC });
    return page.items;
  }
}
