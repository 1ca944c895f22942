import '@testing-library/jest-dom';

// CodeMirror measures text through DOM ranges, which jsdom lacks.
if (typeof Range !== 'undefined') {
  const emptyRects = () =>
    ({
      length: 0,
      item: () => null,
      [Symbol.iterator]: [][Symbol.iterator],
    } as unknown as DOMRectList);
  Range.prototype.getClientRects = Range.prototype.getClientRects ?? emptyRects;
  Range.prototype.getBoundingClientRect =
    Range.prototype.getBoundingClientRect ??
    (() =>
      ({
        x: 0,
        y: 0,
        width: 0,
        height: 0,
        top: 0,
        left: 0,
        right: 0,
        bottom: 0,
        toJSON: () => ({}),
      } as DOMRect));
}

// Full app renders (MUI, CodeMirror) are slow in jsdom on small CI machines.
// eslint-disable-next-line import/first, import/no-extraneous-dependencies
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);
