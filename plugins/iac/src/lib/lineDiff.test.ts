import { compactDiff, diffLines, diffStats, splitLines } from './lineDiff';

function apply(lines: ReturnType<typeof diffLines>) {
  return {
    before: lines.filter(l => l.type !== 'add').map(l => l.text),
    after: lines.filter(l => l.type !== 'del').map(l => l.text),
  };
}

describe('diffLines', () => {
  it('finds a minimal edit', () => {
    const lines = diffLines('a\nb\nc\nd\n', 'a\nc\nd\ne\n');
    expect(lines.map(l => `${l.type}:${l.text}`)).toEqual([
      'same:a',
      'del:b',
      'same:c',
      'same:d',
      'add:e',
    ]);
    expect(diffStats(lines)).toEqual({ added: 1, removed: 1 });
  });

  it('numbers lines on both sides', () => {
    const lines = diffLines('x\ny\n', 'x\nz\ny\n');
    expect(lines).toEqual([
      { type: 'same', text: 'x', oldLine: 1, newLine: 1 },
      { type: 'add', text: 'z', newLine: 2 },
      { type: 'same', text: 'y', oldLine: 2, newLine: 3 },
    ]);
  });

  it('handles empty sides', () => {
    expect(diffLines('', 'a\n')).toEqual([
      { type: 'add', text: 'a', newLine: 1 },
    ]);
    expect(diffLines('a\n', '')).toEqual([
      { type: 'del', text: 'a', oldLine: 1 },
    ]);
    expect(diffLines('', '')).toEqual([]);
  });

  it('always reproduces both texts (randomized)', () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 200; run++) {
      const a = Array.from(
        { length: Math.floor(rnd() * 30) },
        () => 'abcde'[Math.floor(rnd() * 5)],
      );
      const b = a
        .filter(() => rnd() > 0.2)
        .flatMap(x =>
          rnd() > 0.8 ? [x, 'abcdef'[Math.floor(rnd() * 6)]] : [x],
        );
      const result = apply(diffLines(a.join('\n'), b.join('\n')));
      expect(result.before).toEqual(splitLines(a.join('\n')));
      expect(result.after).toEqual(splitLines(b.join('\n')));
    }
  });
});

describe('compactDiff', () => {
  it('keeps context around changes and folds the rest', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const rows = compactDiff(diffLines(before, after), 2);
    expect(rows[0]).toEqual({ type: 'gap', count: 8 });
    expect(rows.filter(r => r.type !== 'gap')).toHaveLength(6);
    expect(rows[rows.length - 1]).toEqual({ type: 'gap', count: 7 });
  });
});
