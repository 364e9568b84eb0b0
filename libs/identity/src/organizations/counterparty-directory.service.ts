import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { KycState, OrganizationEntity, OrganizationRole } from './organization.entity.js';

/** The most counterparties one answer lists; the portal searches within them. */
export const COUNTERPARTY_LIMIT = 1_000;

/** A participant as every other participant may see it: its name and business roles, nothing of its KYC file. */
export class CounterpartyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() legalName: string;
  @ApiProperty({ enum: OrganizationRole, isArray: true }) roles: OrganizationRole[];
}

/**
 * The directory of counterparties: approved participants' names and ids, for any signed-in user.
 *
 * A deliberate exception to "organization users see only their own organization"
 * (docs/architecture.md, "Counterparty directory"): a supplier endorsing a bill, a holder reading
 * an offer or a timeline must name the other party, and a pasted id is what users could not do.
 * Only organizations that passed KYC (APPROVED) are listed, never the platform operator, and only
 * id, legal name and business roles: no LEI, country, Peppol ids, VAT id, users or KYC state.
 */
@Injectable()
export class CounterpartyDirectoryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<CounterpartyDto[]> {
    const rows = await this.dataSource
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .select(['o.id', 'o.legalName', 'o.roles'])
      .where('o.kyc_state = :approved', { approved: KycState.APPROVED })
      .andWhere('NOT (:platform = ANY(o.roles))', { platform: OrganizationRole.PLATFORM })
      .orderBy('o.legal_name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .take(COUNTERPARTY_LIMIT)
      .getMany();
    return rows.map((o) => ({ id: o.id, legalName: o.legalName, roles: o.roles }));
  }
}
