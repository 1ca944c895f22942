import {
  INTERNED_CONTENT_BYTES,
  internContent,
  internedContentStats,
} from './internedContent';

describe('internContent', () => {
  it('gives the same Buffer for the same text, with its UTF-8 bytes', () => {
    const text = `name: café-${Math.random()}\n`;
    const first = internContent(text);
    expect(first.toString('utf8')).toBe(text);
    expect(first.length).toBe(Buffer.byteLength(text));
    // built anew (a different string object with the same characters)
    expect(internContent(text.split('').join(''))).toBe(first);
    expect(internContent(`${text} `)).not.toBe(first);
  });

  it('stays within its byte budget, dropping the least recently used first', () => {
    const block = 'x'.repeat(256 * 1024);
    const kept = internContent(`kept ${block}`);
    for (let i = 0; i < 80; i++) {
      internContent(`${i} ${block}`);
      // used again: stays while older ones go
      expect(internContent(`kept ${block}`)).toBe(kept);
      expect(internedContentStats().bytes).toBeLessThanOrEqual(
        INTERNED_CONTENT_BYTES,
      );
    }
    const first = internContent(`0 ${block}`);
    expect(internContent(`0 ${block}`)).toBe(first);
    expect(internedContentStats().entries).toBeLessThan(80);
  });

  it('does not keep a text larger than 1 MiB', () => {
    const big = 'y'.repeat(2 * 1024 * 1024);
    const before = internedContentStats();
    const content = internContent(big);
    expect(content.length).toBe(big.length);
    expect(internContent(big)).not.toBe(content);
    expect(internedContentStats().bytes).toBeLessThanOrEqual(before.bytes);
  });
});
