import { openTestDb } from '../test-support/db';
import { describeIsolation } from './isolation.contract';

// Real PostgreSQL, connected as motogestor_app exactly as production does.
describeIsolation('postgres', () => openTestDb(), {
  openWithPool: (poolSize) => openTestDb({ DATABASE_POOL_SIZE: String(poolSize) }),
  concurrentCalls: 200,
  poolSizes: [1, 2],
  loginIsAppRole: true,
});
