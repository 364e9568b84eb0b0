import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { TALLY_CONFIG, type TallyConfig } from '#core';
import { AnchoringErrorCode, AnchoringException } from '#anchoring';

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_TRACKED = 50_000;

/**
 * Token bucket per client IP for the public verification endpoints: VERIFY_RATE_PER_MINUTE
 * requests a minute, in bursts of as many. In-process on purpose (no shared store yet): each API
 * instance keeps its own buckets, so N instances behind a balancer allow up to N times the rate.
 * Over budget: 429 with `Retry-After` (the error filter sets it from `details.retryAfterSec`).
 */
@Injectable()
export class VerifyRateLimitGuard implements CanActivate {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(@Inject(TALLY_CONFIG) config: TallyConfig) {
    this.capacity = config.anchoring.verifyRatePerMinute;
    this.perMs = this.capacity / 60_000;
  }

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    const key = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      const retryAfterSec = Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
      throw new AnchoringException(
        AnchoringErrorCode.VERIFY_RATE_LIMITED,
        `Too many verification requests from this address (${this.capacity} a minute): retry in ${retryAfterSec} s, or verify offline with tally verify`,
        { retryAfterSec },
      );
    }
    bucket.tokens -= 1;
    if (!this.buckets.has(key) && this.buckets.size >= MAX_TRACKED) this.forgetFull(now);
    this.buckets.set(key, bucket);
    return true;
  }

  /** Drops the buckets that have refilled (their clients are idle): they would start full anyway. */
  private forgetFull(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.capacity) this.buckets.delete(k);
    if (this.buckets.size >= MAX_TRACKED) this.buckets.clear();
  }
}
