import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkDatabase, type DatabaseHealth } from '#core';
import { ChainJobsService, ChainStatusService, ContractRegistry, type ChainHealth, type ChainJobCounts, type DeployedContract } from '#chain';
import { RUNTIME } from './tokens.js';
import type { Runtime } from './runtime.js';

export const TALLY_VERSION = '0.1.0';

export interface PlatformHealth {
  status: 'ok' | 'error';
  database: DatabaseHealth;
  chain: ChainHealth;
}

export interface PlatformStatus {
  version: string;
  mode: 'embedded' | 'server';
  database: DatabaseHealth;
  chain: ChainHealth;
  contracts: DeployedContract[];
  jobs: ChainJobCounts | null;
  features: { auth: boolean };
}

@Injectable()
export class PlatformStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: ChainStatusService,
    private readonly contracts: ContractRegistry,
    private readonly jobs: ChainJobsService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** For probes: the chain part comes from the background refresh (no RPC call per probe); the database is asked every time. */
  async health(): Promise<PlatformHealth> {
    const [database, chain] = await Promise.all([checkDatabase(this.dataSource), this.chain.current()]);
    return { status: database.status === 'up' && chain.status === 'up' ? 'ok' : 'error', database, chain };
  }

  /** For people and the CLI: asks the node right now. */
  async status(): Promise<PlatformStatus> {
    const [database, chain] = await Promise.all([checkDatabase(this.dataSource), this.chain.health()]);
    const jobs = database.status === 'up' ? await this.jobs.counts().catch(() => null) : null;
    return {
      version: TALLY_VERSION,
      mode: this.runtime.mode,
      database,
      chain,
      contracts: this.contracts.list(),
      jobs,
      features: { auth: true },
    };
  }
}
