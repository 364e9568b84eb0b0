import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DocumentAnchorInterface } from '#contracts';
import { ChainRole } from '../chain-context.js';
import { ContractRegistry } from '../deployment/contract-registry.service.js';
import { ChainJobHandlerRegistry, type ChainCall, type ChainJobHandler } from '../outbox/chain-job-handler.js';
import type { ChainJobEntity } from '../outbox/chain-job.entity.js';

export const ANCHOR_ROOT_JOB = 'anchor.root';

export interface AnchorRootPayload {
  [key: string]: unknown;
  /** bytes32, 0x-prefixed */
  batchId: string;
  /** bytes32 Merkle root, 0x-prefixed */
  root: string;
}

/** Writes a Merkle root under a batch id to `DocumentAnchor` (the first job kind of the outbox). */
@Injectable()
export class AnchorRootJobHandler implements ChainJobHandler, OnModuleInit {
  readonly kind = ANCHOR_ROOT_JOB;

  constructor(
    private readonly registry: ChainJobHandlerRegistry,
    private readonly contracts: ContractRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async buildCall(job: ChainJobEntity): Promise<ChainCall> {
    const { batchId, root } = job.payload as AnchorRootPayload;
    return {
      to: this.contracts.address('DocumentAnchor'),
      data: DocumentAnchorInterface.encodeFunctionData('anchor', [batchId, root]),
      signer: ChainRole.ANCHORER,
    };
  }
}
