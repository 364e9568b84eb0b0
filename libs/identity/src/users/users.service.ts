import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, hasRole, isUniqueViolation, mayReadOrganization, OrgRole, pageOf, PlatformRole, type Page, type Principal, type Role } from '#core';
import { TokenService } from '../auth/token.service.js';
import { SessionCheckService } from '../auth/session-check.service.js';
import { InvitesService, NO_PASSWORD_YET } from './invites.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { MeDto, UserDto, type CreateUserDto, type ListUsersQueryDto, type UpdateUserDto } from '../dto/user.dto.js';
import { IdentityErrorCode, IdentityException } from '../identity.errors.js';
import { OrganizationAccess } from '../organizations/organization-access.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { UserEntity } from './user.entity.js';

const PLATFORM_ROLES = new Set<Role>(Object.values(PlatformRole));

/** ORG_ADMIN manages the users of its own organization; PLATFORM_ADMIN manages everyone. */
@Injectable()
export class UsersService {
  private readonly hasher = new PasswordHasher();

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganizationAccess,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly sessions: SessionCheckService,
    private readonly invites: InvitesService,
  ) {}

  async create(principal: Principal, dto: CreateUserDto): Promise<UserDto> {
    const organizationId = dto.organizationId ?? principal.organizationId;
    this.assertManages(principal, organizationId);
    this.assertGrantable(principal, dto.roles);
    try {
      return await this.dataSource.transaction(async (m) => {
        await this.access.readable(principal, organizationId, m);
        // separation of duties: nobody chooses another person's password; the user sets it from the invite
        const user = await m.save(m.create(UserEntity, { organizationId, email: dto.email, name: dto.name, passwordHash: NO_PASSWORD_YET, roles: dto.roles, active: true }));
        await this.invites.invite(m, user, principal);
        await this.audit.append(m, { actor: principal, organizationId, action: 'user.created', entity: 'user', entityId: user.id, payload: { email: user.email, roles: user.roles } });
        return UserDto.from(user);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new IdentityException(IdentityErrorCode.EMAIL_TAKEN, `A user with email ${dto.email} already exists`);
      throw err;
    }
  }

  async list(principal: Principal, q: ListUsersQueryDto): Promise<Page<UserDto>> {
    const everyone = hasRole(principal, PlatformRole.PLATFORM_ADMIN, PlatformRole.AUDITOR);
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (!everyone) qb.andWhere('u.organization_id = :own', { own: principal.organizationId });
    if (q.organizationId) qb.andWhere('u.organization_id = :org', { org: q.organizationId });
    const [rows, total] = await qb
      .orderBy('u.email', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(rows.map(UserDto.from), total, q);
  }

  async get(principal: Principal, id: string): Promise<UserDto> {
    return UserDto.from(await this.readable(principal, id));
  }

  async me(principal: Principal): Promise<MeDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: principal.userId });
    if (!user) throw new IdentityException(IdentityErrorCode.USER_NOT_FOUND, 'Your user no longer exists');
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: user.organizationId });
    return { ...UserDto.from(user), organizationName: org.legalName };
  }

  async update(principal: Principal, id: string, dto: UpdateUserDto): Promise<UserDto> {
    if (dto.password !== undefined && id !== principal.userId) {
      throw new IdentityException(IdentityErrorCode.PASSWORD_NOT_YOURS, "Only its owner sets a user's password (a new user does so from the invite link)");
    }
    const passwordHash = dto.password ? await this.hasher.hash(dto.password) : undefined;
    const updated = await this.dataSource.transaction(async (m) => {
      const user = await this.readable(principal, id, m);
      this.assertManages(principal, user.organizationId);
      if (dto.roles) this.assertGrantable(principal, dto.roles);
      if (user.id === principal.userId && (dto.active === false || dto.roles)) {
        throw new IdentityException(IdentityErrorCode.ROLE_NOT_GRANTABLE, 'You cannot change your own roles or deactivate yourself');
      }
      const locked = await m.findOneOrFail(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      // roles are read from the user row on every request (SessionCheckService): a demotion needs no revocation
      const revoke = dto.active === false || !!passwordHash;
      Object.assign(locked, { name: dto.name ?? locked.name, roles: dto.roles ?? locked.roles, active: dto.active ?? locked.active }, passwordHash ? { passwordHash } : {});
      // deactivated or re-keyed: every access token of the user stops at its next request
      if (revoke) locked.tokenVersion += 1;
      const saved = await m.save(locked);
      if (revoke) await this.tokens.revokeAllOfUser(m, id);
      const { password: _omit, ...audited } = dto;
      await this.audit.append(m, { actor: principal, organizationId: user.organizationId, action: 'user.updated', entity: 'user', entityId: id, payload: { ...audited, passwordChanged: !!passwordHash } });
      return UserDto.from(saved);
    });
    this.sessions.forgetUser(id); // this process sees the change at once, others within SESSION_CHECK_TTL_MS
    return updated;
  }

  private async readable(principal: Principal, id: string, m: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    const user = await m.findOneBy(UserEntity, { id });
    const visible = user && (user.id === principal.userId || (mayReadOrganization(principal, user.organizationId) && this.seesUsers(principal)));
    if (!visible) throw new IdentityException(IdentityErrorCode.USER_NOT_FOUND, `User ${id} not found`);
    return user;
  }

  private seesUsers(principal: Principal): boolean {
    return hasRole(principal, PlatformRole.PLATFORM_ADMIN, PlatformRole.AUDITOR, OrgRole.ORG_ADMIN);
  }

  private assertManages(principal: Principal, organizationId: string): void {
    if (hasRole(principal, PlatformRole.PLATFORM_ADMIN)) return;
    if (principal.organizationId !== organizationId) throw this.access.notFound(organizationId);
    if (!hasRole(principal, OrgRole.ORG_ADMIN)) throw new IdentityException(IdentityErrorCode.FORBIDDEN, 'Only an organization admin manages users');
  }

  private assertGrantable(principal: Principal, roles: Role[]): void {
    // separation of duties: whoever administers the platform never decides KYC, and the reverse
    if (roles.includes(PlatformRole.PLATFORM_ADMIN) && roles.includes(PlatformRole.KYC_OFFICER)) {
      throw new IdentityException(IdentityErrorCode.ROLE_NOT_GRANTABLE, 'PLATFORM_ADMIN and KYC_OFFICER cannot be held by one user');
    }
    const platform = roles.filter((r) => PLATFORM_ROLES.has(r));
    if (platform.length && !hasRole(principal, PlatformRole.PLATFORM_ADMIN)) {
      throw new IdentityException(IdentityErrorCode.ROLE_NOT_GRANTABLE, `Only a platform admin grants ${platform.join(', ')}`);
    }
  }
}
