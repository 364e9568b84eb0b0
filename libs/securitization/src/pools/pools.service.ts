import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AuditService,
  hasRole,
  isCurrency,
  isUniqueViolation,
  organizationScope,
  OrgRole,
  seesAllOrganizations,
  type Principal,
} from '#core';
import { actorOf, BillChainStatus, BillPoolingService, type PoolCandidate } from '#bills';
import { KycState, OrganizationRole, OrganizationsService } from '#identity';
import { AddPoolBillsResultDto, PoolDto, type AddPoolBillsDto, type PoolAssetDto, type CreatePoolDto, type PoolBillResultDto } from '../dto/pool.dto.js';
import { SecuritizationErrorCode, SecuritizationException } from '../securitization.errors.js';
import {
  ConcentrationBook,
  eligibilityRefusals,
  PoolRefusalCode,
  type PoolComposition,
  type PoolCriteria,
  type PoolLimits,
  type PoolRefusal,
} from './pool-eligibility.util.js';
import { PoolAssetEntity, PoolEntity, PoolState, type StoredCriteria, type StoredLimits } from './pool.entity.js';

const ORIGINATOR_ROLES: readonly string[] = [OrganizationRole.ORIGINATOR, OrganizationRole.FINANCIER];
const INSERT_CHUNK = 50_000;

const big = (v: string | null): bigint | null => (v === null ? null : BigInt(v));
export function criteriaOf(c: StoredCriteria): PoolCriteria {
  return { ...c, minFaceAmountMinor: big(c.minFaceAmountMinor), maxFaceAmountMinor: big(c.maxFaceAmountMinor) };
}
export function limitsOf(l: StoredLimits): PoolLimits {
  return { ...l, maxPoolBalanceMinor: big(l.maxPoolBalanceMinor), concentrationBaseMinor: big(l.concentrationBaseMinor) };
}

function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Receivables pools: an approved originator (ORIGINATOR or FINANCIER) creates them and adds the
 * bills it holds. An addition locks the pool row (additions to one pool run one after the
 * other, so together they can never breach a limit), then the bills (ascending ids: the same
 * bill wanted by two pools is taken by the first, refused to the second), and decides each bill
 * from facts read set-based: the bills lib's lifecycle verdict, identity's KYC standings, and the
 * pool's composition by SQL. Added bills become POOLED through the bill lifecycle table.
 */
@Injectable()
export class PoolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bills: BillPoolingService,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async create(p: Principal, dto: CreatePoolDto): Promise<PoolDto> {
    this.assertOrgAdmin(p);
    const standing = (await this.organizations.kycStandings([p.organizationId])).get(p.organizationId);
    if (!standing || standing.kycState !== KycState.APPROVED || !standing.roles.some((r) => ORIGINATOR_ROLES.includes(r))) {
      throw new SecuritizationException(
        SecuritizationErrorCode.POOL_ORIGINATOR_NOT_ELIGIBLE,
        'Only an approved ORIGINATOR or FINANCIER organization creates pools',
        { kycState: standing?.kycState ?? null, roles: standing?.roles ?? [] },
      );
    }
    if (!isCurrency(dto.currency))
      throw new SecuritizationException(SecuritizationErrorCode.POOL_CRITERIA_INVALID, `Unknown currency ${dto.currency}`);
    const e = dto.eligibility ?? {};
    const l = dto.limits ?? {};
    const criteria: StoredCriteria = {
      minRemainingTermDays: e.minRemainingTermDays ?? null,
      maxRemainingTermDays: e.maxRemainingTermDays ?? null,
      minFaceAmountMinor: e.minFaceAmountMinor ?? null,
      maxFaceAmountMinor: e.maxFaceAmountMinor ?? null,
    };
    const limits: StoredLimits = {
      maxSingleObligorBps: l.maxSingleObligorBps ?? null,
      maxTop5ObligorsBps: l.maxTop5ObligorsBps ?? null,
      maxSingleSellerBps: l.maxSingleSellerBps ?? null,
      maxPoolBalanceMinor: l.maxPoolBalanceMinor ?? null,
      maxAssetCount: l.maxAssetCount ?? null,
      concentrationBaseMinor: l.concentrationBaseMinor ?? null,
    };
    const invalid = (what: string) => new SecuritizationException(SecuritizationErrorCode.POOL_CRITERIA_INVALID, what);
    if (
      criteria.minRemainingTermDays !== null &&
      criteria.maxRemainingTermDays !== null &&
      criteria.minRemainingTermDays > criteria.maxRemainingTermDays
    ) {
      throw invalid('minRemainingTermDays must not exceed maxRemainingTermDays');
    }
    if (
      criteria.minFaceAmountMinor !== null &&
      criteria.maxFaceAmountMinor !== null &&
      BigInt(criteria.minFaceAmountMinor) > BigInt(criteria.maxFaceAmountMinor)
    ) {
      throw invalid('minFaceAmountMinor must not exceed maxFaceAmountMinor');
    }
    if (
      limits.maxTop5ObligorsBps !== null &&
      limits.maxSingleObligorBps !== null &&
      limits.maxTop5ObligorsBps < limits.maxSingleObligorBps
    ) {
      throw invalid('maxTop5ObligorsBps must not be below maxSingleObligorBps');
    }
    return this.dataSource.transaction(async (m) => {
      const pool = await m.save(
        m.create(PoolEntity, {
          originatorOrgId: p.organizationId,
          name: dto.name,
          currency: dto.currency,
          cutOffDate: dto.cutOffDate,
          state: PoolState.OPEN,
          criteria,
          limits,
          assetCount: 0,
          balanceMinor: 0n,
          lockedAt: null,
        }),
      );
      await this.audit.append(m, {
        actor: p,
        organizationId: p.organizationId,
        action: 'pool.created',
        entity: 'pool',
        entityId: pool.id,
        payload: { name: dto.name, currency: dto.currency, cutOffDate: dto.cutOffDate, criteria, limits },
      });
      return PoolDto.from(pool);
    });
  }

  async list(p: Principal): Promise<PoolDto[]> {
    const qb = this.dataSource.getRepository(PoolEntity).createQueryBuilder('pl');
    const scope = organizationScope(p);
    if (scope) qb.where('pl.originator_org_id = ANY(:scope::uuid[])', { scope });
    return (await qb.orderBy('pl.created_at', 'DESC').getMany()).map(PoolDto.from);
  }

  async get(p: Principal, id: string): Promise<PoolDto> {
    return PoolDto.from(await this.visible(p, id));
  }

  /** The pool's live assets, earliest added first, with the parties' names and the invoice numbers. */
  async assets(p: Principal, poolId: string): Promise<PoolAssetDto[]> {
    await this.visible(p, poolId);
    const m = this.dataSource.manager;
    const rows = await m
      .getRepository(PoolAssetEntity)
      .createQueryBuilder('a')
      .where('a.pool_id = :poolId AND a.released_at IS NULL', { poolId })
      .orderBy('a.addedAt', 'ASC')
      .addOrderBy('a.tokenId', 'ASC')
      .getMany();
    const names = await this.organizations.kycStandings(rows.flatMap((a) => [a.sellerOrgId, a.obligorOrgId]), m);
    const invoices = await this.bills.invoiceNumbers(
      m,
      rows.map((a) => a.billId),
    );
    return rows.map((a) => ({
      billId: a.billId,
      invoiceNumber: invoices.get(a.billId) ?? '',
      tokenId: a.tokenId.toString(),
      sellerOrganizationId: a.sellerOrgId,
      sellerLegalName: names.get(a.sellerOrgId)?.legalName ?? null,
      obligorOrganizationId: a.obligorOrgId,
      obligorLegalName: names.get(a.obligorOrgId)?.legalName ?? null,
      faceAmountMinor: a.faceAmountMinor.toString(),
      currency: a.currency,
      issueDate: a.issueDate,
      dueDate: a.dueDate,
      addedAt: a.addedAt.toISOString(),
    }));
  }

  /** A pool the caller may see (its originator, platform roles), or 404. */
  async visible(p: Principal, id: string, m: EntityManager = this.dataSource.manager): Promise<PoolEntity> {
    const pool = await m.findOneBy(PoolEntity, { id });
    if (!pool || !(seesAllOrganizations(p) || pool.originatorOrgId === p.organizationId)) {
      throw new SecuritizationException(SecuritizationErrorCode.POOL_NOT_FOUND, `Pool ${id} not found`);
    }
    return pool;
  }

  /**
   * Adds bills, answering per bill. Nothing added at all → 409 POOL_ADDITION_REFUSED with the
   * per-bill answers in `details.results` (nothing written).
   */
  async addBills(p: Principal, poolId: string, dto: AddPoolBillsDto, now = new Date()): Promise<AddPoolBillsResultDto> {
    await this.visible(p, poolId);
    this.assertOrgAdmin(p);
    const today = todayUtc(now);
    try {
      return await this.dataSource.transaction(async (m) => {
        const pool = await m.findOneOrFail(PoolEntity, { where: { id: poolId }, lock: { mode: 'pessimistic_write' } });
        if (pool.originatorOrgId !== p.organizationId)
          throw new SecuritizationException(
            SecuritizationErrorCode.POOL_ORGANIZATION_ADMIN_REQUIRED,
            "Only the pool's originator adds bills",
          );
        if (pool.state !== PoolState.OPEN)
          throw new SecuritizationException(
            SecuritizationErrorCode.POOL_NOT_OPEN,
            `The pool is ${pool.state}: nothing is added after the cut-off lock`,
          );

        const seen = new Set<string>();
        const unique = dto.billIds.filter((id) => (seen.has(id) ? false : (seen.add(id), true)));
        const standing = (await this.organizations.kycStandings([p.organizationId], m)).get(p.organizationId);
        const candidates = new Map(
          (await this.bills.lockForPooling(m, unique, actorOf(p, standing?.roles ?? []), { today })).map((c) => [c.id, c]),
        );
        const kyc = await this.organizations.kycStandings([...new Set([...candidates.values()].map((c) => c.buyerOrgId))], m);
        const book = new ConcentrationBook(limitsOf(pool.limits), await this.composition(m, pool.id), pool.currency);
        const terms = { originatorOrgId: pool.originatorOrgId, currency: pool.currency, criteria: criteriaOf(pool.criteria) };

        const firstSeen = new Set<string>();
        const results: PoolBillResultDto[] = [];
        const added: PoolCandidate[] = [];
        for (const billId of dto.billIds) {
          const refuse = (errors: PoolRefusal[]) => results.push({ billId, ok: false, errors });
          if (firstSeen.has(billId)) {
            refuse([{ code: PoolRefusalCode.DUPLICATE_IN_REQUEST, message: 'The bill is named more than once in this request' }]);
            continue;
          }
          firstSeen.add(billId);
          const c = candidates.get(billId);
          // a bill the originator is no party to is as unknown as one that does not exist
          if (!c || ![c.supplierOrgId, c.buyerOrgId, c.holderOrgId].includes(pool.originatorOrgId)) {
            refuse([{ code: PoolRefusalCode.BILL_NOT_FOUND, message: `Bill ${billId} not found` }]);
            continue;
          }
          const obligor = kyc.get(c.buyerOrgId);
          const errors = eligibilityRefusals(
            {
              state: c.state,
              encumbrance: c.encumbrance,
              holderOrgId: c.holderOrgId,
              currency: c.currency,
              faceAmountMinor: c.faceAmountMinor,
              dueDate: c.dueDate,
              pendingAction: c.pendingAction,
              onChain: c.chainStatus === BillChainStatus.ON_CHAIN,
              obligorKyc: obligor ? { state: obligor.kycState, expiresAt: obligor.kycExpiresAt } : null,
              lifecycleRefusalCode: c.refusal?.code ?? null,
            },
            terms,
            today,
            now,
          );
          if (errors.length) {
            refuse(errors);
            continue;
          }
          const limitErrors = book.tryAdd({ obligorOrgId: c.buyerOrgId, sellerOrgId: c.supplierOrgId, faceAmountMinor: c.faceAmountMinor });
          if (limitErrors.length) {
            refuse(limitErrors);
            continue;
          }
          results.push({ billId, ok: true, errors: [] });
          added.push(c);
        }

        if (added.length === 0) {
          throw new SecuritizationException(
            SecuritizationErrorCode.POOL_ADDITION_REFUSED,
            'No bill of the request can be added to the pool',
            { results },
          );
        }
        const moved = new Set(
          await this.bills.markPooled(
            m,
            added.map((c) => c.id),
            p,
            pool.id,
          ),
        );
        if (moved.size !== added.length) {
          // cannot happen under the row locks; refuse the whole request rather than half-write it
          throw new SecuritizationException(
            SecuritizationErrorCode.POOL_ADDITION_REFUSED,
            'A bill changed while it was being pooled; try again',
          );
        }
        for (let i = 0; i < added.length; i += INSERT_CHUNK) {
          const chunk = added.slice(i, i + INSERT_CHUNK);
          await m.query(
            `INSERT INTO pool_assets (pool_id, bill_id, token_id, seller_org_id, obligor_org_id, face_amount_minor, currency, issue_date, due_date, fingerprint)
             SELECT $1, u.b, u.t, u.s, u.o, u.f, u.c, u.i, u.d, u.fp
               FROM unnest($2::uuid[], $3::numeric[], $4::uuid[], $5::uuid[], $6::numeric[], $7::text[], $8::date[], $9::date[], $10::text[]) AS u(b, t, s, o, f, c, i, d, fp)`,
            [
              pool.id,
              chunk.map((c) => c.id),
              chunk.map((c) => c.tokenId.toString()),
              chunk.map((c) => c.supplierOrgId),
              chunk.map((c) => c.buyerOrgId),
              chunk.map((c) => c.faceAmountMinor.toString()),
              chunk.map((c) => c.currency),
              chunk.map((c) => c.issueDate),
              chunk.map((c) => c.dueDate),
              chunk.map((c) => c.fingerprint),
            ],
          );
        }
        await m.update(
          PoolEntity,
          { id: pool.id },
          { assetCount: book.assetCount, balanceMinor: book.balanceMinor, version: pool.version + 1 },
        );
        const refused = results.length - added.length;
        await this.audit.append(m, {
          actor: p,
          organizationId: p.organizationId,
          action: 'pool.bills_added',
          entity: 'pool',
          entityId: pool.id,
          payload: { added: added.length, refused, balanceMinor: book.balanceMinor.toString(), assetCount: book.assetCount },
        });
        return { added: added.length, refused, assetCount: book.assetCount, balanceMinor: book.balanceMinor.toString(), results };
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uq_pool_assets_live_bill')) {
        throw new SecuritizationException(SecuritizationErrorCode.POOL_ADDITION_REFUSED, 'A bill of the request is already in a pool');
      }
      throw err;
    }
  }

  /** The pool's live assets grouped by obligor and seller, in SQL. */
  private async composition(m: EntityManager, poolId: string): Promise<PoolComposition> {
    const rows: { obligor: string; seller: string; sum: string; n: number }[] = await m.query(
      `SELECT obligor_org_id AS obligor, seller_org_id AS seller, sum(face_amount_minor)::text AS sum, count(*)::int AS n
         FROM pool_assets WHERE pool_id = $1 AND released_at IS NULL GROUP BY obligor_org_id, seller_org_id`,
      [poolId],
    );
    const out: PoolComposition = { balanceMinor: 0n, count: 0, byObligor: new Map(), bySeller: new Map() };
    for (const r of rows) {
      const s = BigInt(r.sum);
      out.balanceMinor += s;
      out.count += r.n;
      out.byObligor.set(r.obligor, (out.byObligor.get(r.obligor) ?? 0n) + s);
      out.bySeller.set(r.seller, (out.bySeller.get(r.seller) ?? 0n) + s);
    }
    return out;
  }

  /** 403 unless an organization admin (not platform staff) asks. */
  assertOriginatorAdmin(p: Principal): void {
    this.assertOrgAdmin(p);
  }

  private assertOrgAdmin(p: Principal): void {
    if (seesAllOrganizations(p) || !hasRole(p, OrgRole.ORG_ADMIN)) {
      throw new SecuritizationException(
        SecuritizationErrorCode.POOL_ORGANIZATION_ADMIN_REQUIRED,
        'Only an organization admin of the originator acts on its pools',
      );
    }
  }
}
