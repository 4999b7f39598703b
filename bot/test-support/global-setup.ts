import pg from 'pg';
import { applyMigrations } from '../db/migrate';
import { testPg } from './env';

/**
 * Creates a fresh database for this test run and migrates it; drops it at the end.
 * The name is unique per run, so two runs on one machine never disturb each other.
 * Within a run, tests isolate by tenant (each seeds its own).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const name = `motogestor_test_${process.pid}_${Date.now().toString(36)}`;
  process.env.TEST_DB_NAME = name; // inherited by the test workers
  const maint = new pg.Client({ connectionString: testPg.maintenanceUrl });
  await maint.connect();
  await maint.query(`CREATE DATABASE "${name}"`);
  const admin = new pg.Client({ connectionString: testPg.adminUrl(name) });
  await admin.connect();
  try {
    await applyMigrations(admin);
  } finally {
    await admin.end();
  }
  return async () => {
    await maint.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await maint.end();
  };
}
