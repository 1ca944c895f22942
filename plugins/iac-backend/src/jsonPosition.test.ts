import { jsonErrorPosition } from './jsonPosition';

describe('jsonErrorPosition', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const valid = [
      '{}',
      ' [ ] ',
      '{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"],"b":{}}',
      '"s"',
      '0',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    ];
    for (const text of valid) {
      expect([text.slice(0, 40), jsonErrorPosition(text)]).toEqual([
        text.slice(0, 40),
        undefined,
      ]);
    }
  });

  it.each([
    ['{"a": x}', 6],
    ['{"a":1,}', 7],
    ['[1 2]', 3],
    ['{"a":1', 6],
    ['', 0],
    ['{"a":"b\nc"}', 7],
    ['{a:1}', 1],
    ['01', 1],
    ['[1]x', 3],
    ['"\\x"', 1],
  ])('%j fails at %d', (text, position) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPosition(text)).toBe(position);
  });
});
