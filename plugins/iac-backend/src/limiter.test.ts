import { Limiter } from './limiter';
import { PreviewCache } from './router';

describe('Limiter', () => {
  it('runs at most `concurrency` jobs, queues the rest, refuses beyond the queue', async () => {
    const limiter = new Limiter(2, 1, 'renders');
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const job = () =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>(resolve => releases.push(resolve));
        running--;
        return 'done';
      });
    const a = job();
    const b = job();
    const c = job();
    await expect(job()).rejects.toThrow(
      'Too many renders at once (2 running, 1 waiting): try again in a few seconds',
    );
    expect(limiter.load).toEqual({ running: 2, waiting: 1 });
    const tick = () => new Promise(r => setImmediate(r));
    await tick();
    expect(releases).toHaveLength(2);
    // one finishes: the queued job starts in its place
    releases.shift()!();
    await tick();
    expect(releases).toHaveLength(2);
    expect(limiter.load).toEqual({ running: 2, waiting: 0 });
    releases.splice(0).forEach(release => release());
    await expect(Promise.all([a, b, c])).resolves.toEqual([
      'done',
      'done',
      'done',
    ]);
    expect(peak).toBe(2);
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe('PreviewCache', () => {
  it('stays within its byte budget, evicting the oldest answers', () => {
    const cache = new PreviewCache(100, 10_000);
    const body = Buffer.alloc(3_000, 'x');
    for (let i = 0; i < 10; i++) {
      cache.set(cache.key('helm', false, { i }), { body, etag: `W/"${i}"` });
      expect(cache.bytes).toBeLessThanOrEqual(10_000);
    }
    expect(cache.count).toBe(3);
    expect(cache.get(cache.key('helm', false, { i: 9 }))?.body).toBe(body);
    expect(cache.get(cache.key('helm', false, { i: 0 }))).toBeUndefined();
    // an answer larger than the whole budget is not kept
    cache.set('big', { body: Buffer.alloc(20_000), etag: 'W/"big"' });
    expect(cache.get('big')).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
  });

  it('stays within its entry count', () => {
    const cache = new PreviewCache(2, 1_000_000);
    for (let i = 0; i < 5; i++) {
      cache.set(cache.key('helm', false, { i }), {
        body: Buffer.from('{}'),
        etag: 'W/"x"',
      });
    }
    expect(cache.count).toBe(2);
  });
});
