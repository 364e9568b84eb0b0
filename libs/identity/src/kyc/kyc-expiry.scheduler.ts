import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import { KycService } from './kyc.service.js';

/** Expires lapsed KYC approvals; runs where the outbox worker runs. */
@Injectable()
export class KycExpiryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(KycExpiryScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly kyc: KycService,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.schedules) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.kyc
        .expireDue()
        .then((n) => n && this.logger.log(`${n} KYC approval(s) expired`))
        .catch((err) => this.logger.error({ err }, 'KYC expiry check failed'))
        .finally(() => (this.running = undefined));
    }, this.options.kycExpiryCheckMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
