import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ChainJobsService, ChainStatusService } from '#chain';

/** Prometheus metrics: process defaults, HTTP latency per route, chain jobs and block height. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'tally_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(jobs: ChainJobsService, chain: ChainStatusService) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tally_' });
    new Gauge({
      name: 'tally_chain_jobs',
      help: 'Chain outbox jobs by status',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await jobs.counts();
        for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
      },
    });
    new Gauge({
      name: 'tally_chain_block_number',
      help: 'Latest block number seen on the chain (-1 when the node is down)',
      registers: [this.registry],
      async collect() {
        const h = await chain.current();
        this.set(h.blockNumber ?? -1);
      },
    });
  }

  /** Express middleware timing every request. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpDuration.startTimer();
      res.once('finish', () => {
        const route = (req.route as { path?: string } | undefined)?.path;
        end({ method: req.method, route: route ? `${req.baseUrl}${route}` : 'unmatched', status: String(res.statusCode) });
      });
      next();
    };
  }
}
