/**
 * `npm start`: the web process. Zero-config (no DATABASE_URL/REDIS_URL): embedded
 * PostgreSQL under DATA_DIR, in-process queues and workers, demo shop on first start.
 */
import { configOrExit, createLogger, listen, onShutdown, platformOrExit, seedIfFirstStart } from './start';

const config = configOrExit();
const logger = createLogger({ level: config.LOG_LEVEL });
const platform = await platformOrExit(config, logger);
if (config.RUN_WORKERS) await platform.startWorkers();
const server = await listen(platform, config);
const address = server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
const baseUrl = config.PUBLIC_URL ?? `http://localhost:${port}`;
logger.info({ port, database: config.mode.database, queue: config.mode.queue, workers: config.RUN_WORKERS }, 'server listening');
if (config.SEED_DEMO) await seedIfFirstStart(platform, logger, baseUrl);
onShutdown(logger, async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await platform.close();
});
