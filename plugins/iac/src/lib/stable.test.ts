import { stableStringify } from './stable';

describe('stableStringify', () => {
  it('ignores key order', () => {
    expect(
      stableStringify({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: undefined } }),
    ).toBe(stableStringify({ a: { d: [1, { x: 2, y: 1 }] }, b: 1 }));
  });
});
