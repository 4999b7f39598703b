import type { Server } from 'node:http';
import { loadConfig, ConfigError, type Config } from './config';
import { createLogger, type Logger } from './observability/logger';
import { createPlatform, IsolationError, type Platform } from './platform';
import { seedDemo } from './seed/seed-demo';
import { createPasswordHasher } from './security/password';

/** Loads config or exits with a message naming the bad variable. */
export const configOrExit = (): Config => {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
};

export const platformOrExit = async (config: Config, logger: Logger): Promise<Platform> => {
  try {
    return await createPlatform(config, { logger });
  } catch (err) {
    if (err instanceof IsolationError) {
      logger.fatal({ problems: err.problems }, 'tenant isolation is off; refusing to start');
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
};

export const seedIfFirstStart = async (platform: Platform, logger: Logger, baseUrl: string): Promise<void> => {
  const seeded = await seedDemo(platform.tdb, { hasher: createPasswordHasher(), log: (m) => logger.info(m) });
  if (!seeded) {
    console.log(`\nMotoGestor rodando em ${baseUrl}\n  Chat de demonstração: ${baseUrl}/chat/oficina-demo\n`);
    return;
  }
  console.log(
    [
      '',
      `MotoGestor rodando em ${baseUrl}`,
      `  Oficina de demonstração criada: ${seeded.slug}`,
      `  Chat do cliente (simulador de WhatsApp): ${baseUrl}/chat/${seeded.slug}`,
      `  Painel do dono (admin): ${baseUrl}/admin`,
      `  Login do dono: ${seeded.ownerEmail}  senha: ${seeded.ownerPassword}`,
      `  Login da equipe: ${seeded.staffEmail}  senha: ${seeded.staffPassword}`,
      '  (as senhas aparecem só agora; guarde-as)',
      '',
    ].join('\n'),
  );
};

export const onShutdown = (logger: Logger, close: () => Promise<void>): void => {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    close()
      .then(() => process.exit(0))
      .catch((err: Error) => {
        logger.error({ err: err.message }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
};

export const listen = (platform: Platform, config: Config): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = platform.app.listen(config.PORT, config.HOST, () => resolve(server));
    server.once('error', reject);
  });

export { createLogger };
