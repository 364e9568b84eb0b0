import { Module, type DynamicModule } from '@nestjs/common';
import { AnchoringService } from './anchoring.service.js';
import { ANCHORING_OPTIONS, type AnchoringOptions } from './anchoring.options.js';
import { AnchorBatchJobHandler } from './batch/anchor-batch.job-handler.js';
import { AnchorSealerService } from './batch/anchor-sealer.service.js';
import { VerificationService } from './verification.service.js';

/** Merkle batching of hashes, anchoring through the chain outbox, receipts and verification. */
@Module({})
export class AnchoringModule {
  static forRoot(options: AnchoringOptions): DynamicModule {
    return {
      module: AnchoringModule,
      global: true,
      providers: [
        { provide: ANCHORING_OPTIONS, useValue: options },
        AnchorBatchJobHandler,
        AnchorSealerService,
        AnchoringService,
        VerificationService,
      ],
      exports: [AnchoringService, VerificationService, AnchorSealerService],
    };
  }
}
