import 'reflect-metadata';
import { DemoSeedService } from '#identity';
import { launch } from '#platform';
import { createApiApp } from './api.app.js';

await launch('api', async (config, runtime, logger) => {
  const app = await createApiApp({ config, runtime, logger, worker: config.worker.inApi });
  if (runtime.mode === 'embedded') {
    // modules initialise first: contracts are known and chain job handlers are registered
    await app.init();
    await app.get(DemoSeedService).seedIfEmpty({ password: config.demoPassword, tallyHome: config.tallyHome });
  }
  await app.listen(config.port, config.host);
  logger.info({ url: `http://localhost:${config.port}`, docs: `http://localhost:${config.port}/api/docs` }, 'API listening');
  return app;
});
