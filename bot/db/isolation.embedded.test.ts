import { openEmbeddedTestDb } from '../test-support/db';
import { describeIsolation } from './isolation.contract';

// Embedded PostgreSQL (PGlite behind pglite-socket): one session, pool max 1, logs in
// as PGlite's superuser and SET ROLEs to motogestor_app.
describeIsolation('embedded (PGlite)', () => openEmbeddedTestDb(), {
  concurrentCalls: 60,
  loginIsAppRole: false,
});
