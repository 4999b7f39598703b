import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { runWithContext, annotateContext } from './context';

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination: stream }) };
};

describe('logger', () => {
  it('carries traceId and tenantId from the context', () => {
    const { lines, logger } = capture();
    runWithContext({ traceId: 'trace-1' }, () => {
      annotateContext({ tenantId: 'tenant-9' });
      logger.info('hello');
    });
    expect(lines[0]).toMatchObject({ msg: 'hello', traceId: 'trace-1', tenantId: 'tenant-9', level: 'info' });
  });

  it('never writes phones, message text or secrets', () => {
    const { lines, logger } = capture();
    logger.info(
      { from: '+5511987654321', text: 'minha placa é ABC1D23', msg2: { token: 'tok_123', nested: { phone: '+5511999999999' } }, secret: 's3cr3t' },
      'inbound',
    );
    const raw = JSON.stringify(lines[0]);
    for (const leak of ['5511987654321', 'ABC1D23', 'tok_123', '5511999999999', 's3cr3t']) expect(raw).not.toContain(leak);
    expect(raw).toContain('[redacted]');
  });
});
