import 'reflect-metadata';
import { launch } from '#platform';
import { createApiApp } from './api.app.js';

await launch('api', async (config, runtime, logger) => {
  const app = await createApiApp({ config, runtime, logger, worker: config.worker.inApi });
  await app.listen(config.port, config.host);
  logger.info({ url: `http://localhost:${config.port}`, docs: `http://localhost:${config.port}/api/docs` }, 'API listening');
  return app;
});
