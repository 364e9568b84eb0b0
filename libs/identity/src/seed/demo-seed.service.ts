import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService, OrgRole, PlatformRole, type Principal, type Role } from '#core';
import { PasswordHasher } from '../auth/password-hasher.js';
import { KycService } from '../kyc/kyc.service.js';
import { leiCheckDigits } from '../organizations/lei.util.js';
import { KycState, OrganizationEntity, OrganizationRole } from '../organizations/organization.entity.js';
import { UserEntity } from '../users/user.entity.js';

interface DemoOrg {
  key: string;
  legalName: string;
  country: string;
  roles: OrganizationRole[];
  peppolIds: string[];
  users: { email: string; name: string; roles: Role[] }[];
  approve: boolean;
}

/**
 * The Peppol endpoint ids of the shared sample invoices (test/fixtures/peppol-bis3): every seller
 * is the demo supplier and every buyer the demo buyer, so each sample imports as it is shipped.
 */
export const DEMO_SUPPLIER_PEPPOL_IDS = ['0088:7300010000001', '0088:9482348239847239874'];
export const DEMO_BUYER_PEPPOL_IDS = ['0088:7300010000002', '0002:FR23342', '0002:4598375937', '0184:12345678'];

export const DEMO_ORGS: DemoOrg[] = [
  {
    key: 'PLATFORM',
    legalName: 'Tally Platform Operator',
    country: 'LU',
    roles: [OrganizationRole.PLATFORM],
    peppolIds: [],
    users: [
      { email: 'admin@demo.tally', name: 'Platform Admin', roles: [PlatformRole.PLATFORM_ADMIN] },
      { email: 'kyc@demo.tally', name: 'KYC Officer', roles: [PlatformRole.KYC_OFFICER] },
      { email: 'auditor@demo.tally', name: 'Auditor', roles: [PlatformRole.AUDITOR] },
    ],
    approve: true,
  },
  { key: 'SUPPLIER', legalName: 'Acme Components GmbH', country: 'DE', roles: [OrganizationRole.SUPPLIER], peppolIds: DEMO_SUPPLIER_PEPPOL_IDS, users: [{ email: 'supplier@demo.tally', name: 'Sam Supplier', roles: [OrgRole.ORG_ADMIN] }], approve: true },
  { key: 'BUYER', legalName: 'Globex Retail SE', country: 'FR', roles: [OrganizationRole.BUYER], peppolIds: DEMO_BUYER_PEPPOL_IDS, users: [{ email: 'buyer@demo.tally', name: 'Bea Buyer', roles: [OrgRole.ORG_ADMIN] }], approve: true },
  { key: 'BANK', legalName: 'Northbank AG', country: 'DE', roles: [OrganizationRole.FINANCIER, OrganizationRole.ORIGINATOR], peppolIds: [], users: [{ email: 'bank@demo.tally', name: 'Ben Banker', roles: [OrgRole.ORG_ADMIN] }], approve: true },
  { key: 'INVESTOR', legalName: 'Harbor Pension Fund', country: 'NL', roles: [OrganizationRole.INVESTOR], peppolIds: [], users: [{ email: 'investor@demo.tally', name: 'Ivy Investor', roles: [OrgRole.ORG_ADMIN] }], approve: true },
  { key: 'NEW_SUPPLIER', legalName: 'Nordic Timber Oy', country: 'FI', roles: [OrganizationRole.SUPPLIER], peppolIds: [], users: [{ email: 'newsupplier@demo.tally', name: 'Nils Newcomer', roles: [OrgRole.ORG_ADMIN] }], approve: false },
];

export function demoLei(index: number): string {
  const prefix = `TALLYDEMO${String(index).padStart(9, '0')}`;
  return prefix + leiCheckDigits(prefix);
}

/**
 * Demo participants for the embedded mode, seeded once into an empty database through the real
 * KYC workflow (submit, screening, approval by the KYC officer), so the approved organizations'
 * wallets reach the IdentityRegistry through the outbox like any other.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly kyc: KycService,
    private readonly audit: AuditService,
  ) {}

  /** Returns false (and does nothing) when organizations exist already. */
  async seedIfEmpty(options: { password?: string; tallyHome: string }): Promise<boolean> {
    if ((await this.dataSource.getRepository(OrganizationEntity).count()) > 0) return false;
    const generated = !options.password;
    const password = options.password ?? randomBytes(15).toString('base64url');
    const hash = await new PasswordHasher().hash(password);
    const users = new Map<string, UserEntity>();
    const orgs = new Map<string, OrganizationEntity>();
    await this.dataSource.transaction(async (m) => {
      for (const [i, d] of DEMO_ORGS.entries()) {
        const org = await m.save(m.create(OrganizationEntity, { legalName: d.legalName, lei: demoLei(i + 1), country: d.country, roles: d.roles, peppolIds: d.peppolIds, kycState: KycState.DRAFT }));
        orgs.set(d.key, org);
        for (const u of d.users) users.set(u.email, await m.save(m.create(UserEntity, { organizationId: org.id, email: u.email, name: u.name, passwordHash: hash, roles: u.roles, active: true })));
        await this.audit.append(m, { actor: 'system', organizationId: org.id, action: 'organization.created', entity: 'organization', entityId: org.id, payload: { seed: 'demo', legalName: d.legalName } });
      }
    });
    const as = (email: string): Principal => {
      const u = users.get(email)!;
      return { userId: u.id, email: u.email, organizationId: u.organizationId, roles: u.roles };
    };
    const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
    for (const d of DEMO_ORGS) {
      const org = orgs.get(d.key)!;
      await this.kyc.submit(d.key === 'PLATFORM' ? as('admin@demo.tally') : as(d.users[0]!.email), org.id);
      if (d.approve) await this.kyc.approve(as('kyc@demo.tally'), org.id, { note: 'Demo organization', expiresAt });
    }
    const lines = [
      'Tally demo users (embedded mode)',
      `password for every user: ${password}`,
      ...DEMO_ORGS.flatMap((d) => d.users.map((u) => `${u.email.padEnd(24)} ${u.roles.join(',').padEnd(16)} ${d.legalName}`)),
      '',
    ];
    const file = join(options.tallyHome, 'demo-credentials.txt');
    writeFileSync(file, lines.join('\n'), { mode: 0o600 });
    if (generated) process.stdout.write(`\n${lines.join('\n')}(also written to ${file})\n\n`);
    this.logger.log(`demo data seeded; credentials in ${file}`);
    return true;
  }
}
