import { Position } from './yaml';

/**
 * Offset where a JSON text stops being valid. Only used to place an error
 * when V8's message carries no position ("Unexpected token ...").
 */
function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const literal =
    /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const skipWhitespace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) {
      i++;
    }
  };
  const fail = (): never => {
    throw new RangeError(String(i));
  };
  const expect = (char: string) => {
    skipWhitespace();
    if (text[i] !== char) {
      fail();
    }
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') {
        fail();
      }
      i += c === '\\' ? 2 : 1;
    }
    fail();
  };
  const value = (): void => {
    skipWhitespace();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      skipWhitespace();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          string();
          expect(':');
        }
        value();
        skipWhitespace();
        if (text[i] === ',') {
          i++;
        } else if (text[i] === close) {
          i++;
          return;
        } else {
          fail();
        }
      }
    }
    if (c === '"') {
      string();
      return;
    }
    literal.lastIndex = i;
    if (!literal.test(text)) {
      fail();
    }
    i = literal.lastIndex;
  };
  try {
    value();
    skipWhitespace();
    if (i < text.length) {
      fail();
    }
    return undefined;
  } catch (error) {
    return error instanceof RangeError ? Number(error.message) : undefined;
  }
}

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Parses JSON; on failure returns a readable message and position. */
export function checkJson(
  text: string,
): { message: string; line?: number; column?: number } | undefined {
  const source = text.replace(/^\uFEFF/, '');
  try {
    JSON.parse(source);
    return undefined;
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const message = raw
      .replace(/,\s*"[\s\S]*" is not valid JSON$/, '')
      .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?$/, '');
    const explicit = /\(line (\d+) column (\d+)\)/.exec(raw);
    if (explicit) {
      return {
        message: `invalid JSON: ${message}`,
        line: Number(explicit[1]),
        column: Number(explicit[2]),
      };
    }
    const offset = /at position (\d+)/.exec(raw)?.[1];
    const at = offset !== undefined ? Number(offset) : jsonErrorOffset(source);
    return {
      message: `invalid JSON: ${message}`,
      ...(at !== undefined ? positionAt(source, at) : {}),
    };
  }
}
