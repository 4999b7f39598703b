import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI only (generate; migrate deploy/status on a connected machine).
// The running app builds its own connection from bot/config.ts.
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/motogestor' },
});
