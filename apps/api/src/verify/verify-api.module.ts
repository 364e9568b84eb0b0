import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TALLY_CONFIG, type TallyConfig } from '#core';
import { VerifyHashStorage } from './verify-hash.storage.js';
import { VerifyRateLimitGuard } from './verify-rate-limit.guard.js';
import { VerifyController } from './verify.controller.js';

/** The public verification endpoints; an uploaded file is only hashed, never kept. */
@Module({
  imports: [
    MulterModule.registerAsync({
      useFactory: (config: TallyConfig) => ({
        storage: new VerifyHashStorage(config.documents.maxBytes),
        limits: { files: 1, fields: 5, parts: 6 },
      }),
      inject: [TALLY_CONFIG],
    }),
  ],
  controllers: [VerifyController],
  providers: [VerifyRateLimitGuard],
})
export class VerifyApiModule {}
