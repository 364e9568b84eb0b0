import type { EntityManager } from 'typeorm';
import type { Principal } from '#core';
import type { DocumentsService } from '#documents';
import { OrganizationRole, type ParticipantDirectory } from '#identity';
import { BillErrorCode, BillException } from '../bills.errors.js';

/**
 * Who may be named on a new bill: the obligor must be an organization with the BUYER role (not the
 * platform operator, not an investor); its KYC approval is checked with its wallet. A document
 * must exist and belong to the issuing organization: another organization's document answers
 * exactly like a missing one (404), so its id leaks nothing.
 */
export async function assertIssueParties(
  deps: { participants: ParticipantDirectory; documents: DocumentsService },
  m: EntityManager,
  p: Principal,
  buyerOrganizationId: string,
  documentId: string | null | undefined,
): Promise<void> {
  const buyer = await deps.participants.participant(buyerOrganizationId, m);
  if (buyer && !buyer.roles.includes(OrganizationRole.BUYER)) {
    throw new BillException(BillErrorCode.BILL_WRONG_PARTY, 'The buyer (obligor) must be an organization with the BUYER role');
  }
  if (documentId) {
    const own = await deps.documents.isOwnedBy(documentId, p.organizationId, m);
    if (!own) throw new BillException(BillErrorCode.BILL_DOCUMENT_NOT_FOUND, `Document ${documentId} not found`);
  }
}
