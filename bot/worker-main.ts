/** `npm run worker`: a worker process (production, with REDIS_URL): runs queued jobs, serves nothing. */
import { configOrExit, createLogger, onShutdown, platformOrExit } from './start';

const config = configOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, name: 'motogestor-worker' });
if (config.mode.queue !== 'bullmq') {
  console.error('O processo de worker separado precisa de REDIS_URL. Sem Redis, `npm start` já roda os jobs no mesmo processo.');
  process.exit(1);
}
const platform = await platformOrExit(config, logger);
await platform.startWorkers();
logger.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker started');
onShutdown(logger, () => platform.close());
