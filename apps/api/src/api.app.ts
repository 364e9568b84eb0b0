import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AllExceptionsFilter, createHttpLogger, createValidationPipe, expressErrorHandler, hostileInputGuard, installClientErrorHandler, noStore, PinoNestLogger, type TallyConfig } from '#core';
import type { Runtime } from '#platform';
import { ApiModule } from './api.module.js';
import { MetricsService } from './metrics/metrics.service.js';
import { API_PREFIX, createOpenApiDocument } from './openapi/openapi-document.js';
import { mountPortal } from './web/portal.js';
import { securityHeaders } from './web/security-headers.js';

export interface ApiAppOptions {
  config: TallyConfig;
  runtime: Runtime;
  logger: Logger;
  /** Run the outbox worker inside the API process (embedded mode). */
  worker: boolean;
}

/** Builds the HTTP application (used by `main.ts` and by the end-to-end tests). */
export async function createApiApp({ config, runtime, logger, worker }: ApiAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, runtime, worker), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.set('trust proxy', config.trustProxy.length ? config.trustProxy : false); // TRUST_PROXY
  app.disable('x-powered-by');
  app.use(createHttpLogger(logger));
  app.use(app.get(MetricsService).middleware());
  app.use(
    securityHeaders({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"], // MUI/emotion inject styles at run time
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-Id'],
    });
  }
  app.useBodyParser('json', { limit: config.jsonBodyLimitBytes });
  app.use(noStore(), hostileInputGuard(), expressErrorHandler()); // depth / NUL limits; parser errors in the error shape
  installClientErrorHandler(app.getHttpServer()); // 431 & co. with a JSON body
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.setGlobalPrefix(API_PREFIX.prefix, { exclude: API_PREFIX.exclude });

  const openapi = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, openapi, {
    useGlobalPrefix: false,
    jsonDocumentUrl: 'api/openapi.json',
    customSiteTitle: 'Tally API',
  });
  mountPortal(app, config.portalDir);
  // Idle keep-alive connections outlive the clients' (undici drops its own after ~4 s, load
  // balancers after 60 s). With Node's default of 5 s, a client whose event loop was busy past
  // that moment reuses a socket the server has just closed, and its request fails with
  // ECONNRESET (seen in the 100,000-hash upload test, whose client builds the body for seconds).
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return app;
}
