import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Wallet, JsonRpcProvider, type Signer } from 'ethers';
import { CHAIN_ROLES, createChainContext, type ChainRole } from '#chain';
import { loadConfig } from '#core';
import { TALLY_VERSION, type Runtime } from '#platform';
import { ApiModule } from '../api.module.js';

/** The global prefix of the business endpoints (health and metrics stay at the root). */
export const API_PREFIX = { prefix: 'api/v1', exclude: ['health', 'metrics'] };

/** The API's OpenAPI document, from the controllers' metadata of an application (running or in preview). */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tally API')
      .setDescription(
        'Digital bills, receivables pools and ABS tranches, anchored on an EVM chain. Amounts are decimal strings of minor units.',
      )
      .setVersion(TALLY_VERSION)
      .addBearerAuth()
      .build(),
  );
}

/**
 * The same document without a database, a chain or a port: the module graph is built in Nest's
 * preview mode (no provider is instantiated, so nothing connects), which is all the document needs.
 * The portal's API types are generated from it (`scripts/api-types.mjs`).
 */
export async function renderOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ LOG_LEVEL: 'error' });
  const provider = new JsonRpcProvider('http://127.0.0.1:1', 31337, { staticNetwork: true });
  const signers = Object.fromEntries(CHAIN_ROLES.map((role): [ChainRole, Signer] => [role, Wallet.createRandom()])) as Record<ChainRole, Signer>;
  const runtime: Runtime = {
    mode: 'server',
    databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
    chain: await createChainContext({ provider, chainId: 31337, rpcUrl: 'http://127.0.0.1:1', signers, confirmations: 1 }),
    secrets: { jwtSecret: 'preview-only', walletMasterKey: 'preview-only' },
    stop: async () => {},
  };
  const app = await NestFactory.create(ApiModule.forRoot(config, runtime, false), { preview: true, logger: false, abortOnError: false });
  try {
    app.setGlobalPrefix(API_PREFIX.prefix, { exclude: API_PREFIX.exclude });
    return createOpenApiDocument(app);
  } finally {
    provider.destroy();
    await app.close();
  }
}
