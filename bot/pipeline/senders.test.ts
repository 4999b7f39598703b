import { describe, expect, it } from 'vitest';
import { deliverParts } from './senders';

/** A vendor that delivers to a list and can refuse chosen parts once. */
const vendor = (refuse: string[] = []) => {
  const delivered: string[] = [];
  const post = async (part: string) => {
    const i = refuse.indexOf(part);
    if (i >= 0) {
      refuse.splice(i, 1);
      throw new Error(`recusado: ${part}`);
    }
    delivered.push(part);
    return `id-${part}`;
  };
  return { delivered, post };
};

describe('deliverParts', () => {
  it('records each part another follows, and a retry from the record sends each part once', async () => {
    const v = vendor(['código']);
    const progress: [number, string | null][] = [];
    let fromPart = 0;
    const onPartSent = async (index: number, id: string | null) => {
      progress.push([index, id]);
      fromPart = index + 1;
    };
    await expect(deliverParts(['texto', 'código'], { fromPart, onPartSent }, v.post)).rejects.toThrow(/código/);
    expect(progress).toEqual([[0, 'id-texto']]);
    const retry = await deliverParts(['texto', 'código'], { fromPart, onPartSent }, v.post);
    expect(v.delivered).toEqual(['texto', 'código']);
    // A resumed send did not deliver the first part: its id is the one recorded before.
    expect(retry).toEqual({ externalMessageId: null, partsSent: 2 });
  });

  it('reports a one-part reply only through its result', async () => {
    const v = vendor();
    const progress: number[] = [];
    const r = await deliverParts(['texto'], { fromPart: 0, onPartSent: async (i) => void progress.push(i) }, v.post);
    expect(r).toEqual({ externalMessageId: 'id-texto', partsSent: 1 });
    expect(progress).toEqual([]);
  });

  it('stops before the next part when the progress cannot be recorded', async () => {
    const v = vendor();
    const failing = async () => {
      throw new Error('banco indisponível');
    };
    await expect(deliverParts(['texto', 'código'], { fromPart: 0, onPartSent: failing }, v.post)).rejects.toThrow(/banco/);
    expect(v.delivered).toEqual(['texto']);
  });
});
