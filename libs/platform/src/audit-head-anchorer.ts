import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, TALLY_CONFIG, type TallyConfig } from '#core';
import { AnchoringService } from '#anchoring';

/** Whether this process runs the schedule (where the outbox worker runs). */
export const AUDIT_ANCHOR_SCHEDULE = Symbol('AUDIT_ANCHOR_SCHEDULE');

/**
 * Anchors the audit log's head hash periodically (where the worker runs): since every row's hash
 * covers the previous one, an anchored head proves the whole log up to it existed unchanged at
 * the anchoring time. Skips when the head has not moved since the last anchored one.
 */
@Injectable()
export class AuditHeadAnchorer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditHeadAnchorer.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly anchoring: AnchoringService,
    @Inject(TALLY_CONFIG) private readonly config: TallyConfig,
    @Inject(AUDIT_ANCHOR_SCHEDULE) private readonly enabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => {
      this.running ??= this.anchorHead()
        .catch((err) => this.logger.error({ err }, 'anchoring the audit head failed'))
        .finally(() => (this.running = undefined));
    }, this.config.auditAnchorIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Anchors the current head unless it already is; returns the anchored sequence number or null. */
  async anchorHead(): Promise<string | null> {
    const head = await this.audit.head();
    if (!head) return null;
    const reference = `audit:${head.seq}`;
    if (await this.anchoring.hasReference(reference)) return null;
    await this.dataSource.transaction((m) => this.anchoring.anchorArtifact(m, { kind: 'AUDIT_HEAD', sha256: head.hash, reference }));
    this.logger.log(`audit head #${head.seq} queued for anchoring`);
    return head.seq;
  }
}
