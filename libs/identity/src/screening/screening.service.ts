import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import type { OrganizationEntity } from '../organizations/organization.entity.js';
import { nameSimilarity } from './name-match.util.js';
import { ScreeningDecisionEntity } from './screening-decision.entity.js';
import { ScreeningRunEntity, type ScreeningHit } from './screening-run.entity.js';
import { loadSanctionsList, type SanctionsList } from './sanctions-list.js';

export interface ScreeningStatus {
  run: ScreeningRunEntity | null;
  /** Hits of the latest run without a recorded false-positive decision. */
  openHits: ScreeningHit[];
  decisions: ScreeningDecisionEntity[];
}

/** Screens an organization's names against the sanctions list file (fuzzy, normalised names). */
@Injectable()
export class ScreeningService {
  private list?: SanctionsList;

  constructor(@Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions) {}

  /** The list is read once per process; a changed file takes a restart (its hash is on every run). */
  private sanctions(): SanctionsList {
    this.list ??= loadSanctionsList(this.options.sanctionsListFile);
    return this.list;
  }

  match(names: string[]): ScreeningHit[] {
    const hits: ScreeningHit[] = [];
    for (const entry of this.sanctions().entries) {
      for (const listed of [entry.name, ...entry.aliases]) {
        for (const queryName of names) {
          const score = nameSimilarity(queryName, listed);
          if (score >= this.options.screeningThreshold) {
            hits.push({ hitId: `${entry.listName}:${entry.line}:${listed}`, queryName, matchedName: listed, listName: entry.listName, country: entry.country, score });
          }
        }
      }
    }
    // one hit per listed name: the best-scoring query name
    const best = new Map<string, ScreeningHit>();
    for (const h of hits) if ((best.get(h.hitId)?.score ?? -1) < h.score) best.set(h.hitId, h);
    return [...best.values()].sort((a, b) => b.score - a.score);
  }

  async run(manager: EntityManager, org: OrganizationEntity, runBy: string | null): Promise<ScreeningRunEntity> {
    const names = [org.legalName];
    const list = this.sanctions();
    return manager.save(
      manager.create(ScreeningRunEntity, {
        organizationId: org.id,
        listSha256: list.sha256,
        threshold: this.options.screeningThreshold,
        names,
        hits: this.match(names),
        runBy,
      }),
    );
  }

  /**
   * The status of many organizations in two queries (the KYC queue): one query per organization,
   * all at once, took every pooled connection of the process for a long queue.
   */
  async statusOfMany(manager: EntityManager, organizationIds: string[]): Promise<Map<string, ScreeningStatus>> {
    const out = new Map<string, ScreeningStatus>(organizationIds.map((id) => [id, { run: null, openHits: [], decisions: [] }]));
    if (!organizationIds.length) return out;
    const runs = await manager
      .createQueryBuilder(ScreeningRunEntity, 'r')
      .distinctOn(['r.organization_id'])
      .where('r.organization_id IN (:...ids)', { ids: organizationIds })
      .orderBy('r.organization_id')
      .addOrderBy('r.created_at', 'DESC')
      .getMany();
    const decisions = runs.length
      ? await manager.find(ScreeningDecisionEntity, { where: { screeningRunId: In(runs.map((r) => r.id)) }, order: { createdAt: 'ASC' } })
      : [];
    for (const run of runs) {
      const own = decisions.filter((d) => d.screeningRunId === run.id);
      const decided = new Set(own.map((d) => d.hitId));
      out.set(run.organizationId, { run, openHits: run.hits.filter((h) => !decided.has(h.hitId)), decisions: own });
    }
    return out;
  }

  async status(manager: EntityManager, organizationId: string): Promise<ScreeningStatus> {
    const run = await manager.findOne(ScreeningRunEntity, { where: { organizationId }, order: { createdAt: 'DESC' } });
    if (!run) return { run: null, openHits: [], decisions: [] };
    const decisions = await manager.find(ScreeningDecisionEntity, { where: { screeningRunId: run.id }, order: { createdAt: 'ASC' } });
    const decided = new Set(decisions.map((d) => d.hitId));
    return { run, openHits: run.hits.filter((h) => !decided.has(h.hitId)), decisions };
  }
}
