/*
 * Where a JSON text stops being valid: the offset of the first character a
 * JSON parser would refuse (the text's length when it ends too early). Used
 * to answer a malformed body with its position only: the parser's own
 * message quotes the body, which may hold secrets. Iterative, so any nesting
 * depth is fine.
 */

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;
// JSON strings refuse U+0000-U+001F unescaped
const STRING_BODY =
  // eslint-disable-next-line no-control-regex
  /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  return i;
}

/** End offset of the string starting at `i` (a `"`), or the error offset as -(offset + 1). */
function scanString(text: string, i: number): number {
  STRING_BODY.lastIndex = i + 1;
  STRING_BODY.exec(text);
  const end = STRING_BODY.lastIndex;
  return text[end] === '"' ? end + 1 : -(end + 1);
}

/** The offset of the first error in `text`, or undefined when it is valid JSON. */
export function jsonErrorPosition(text: string): number | undefined {
  const stack: Array<'{' | '['> = [];
  let i = skipSpace(text, 0);
  // 'value': a value is expected; 'after': a value has just ended;
  // 'key': an object key is expected
  let mode: 'value' | 'after' | 'key' = 'value';
  for (;;) {
    if (mode === 'key') {
      i = skipSpace(text, i);
      if (text[i] !== '"') return i;
      const end = scanString(text, i);
      if (end < 0) return -end - 1;
      i = skipSpace(text, end);
      if (text[i] !== ':') return i;
      i = skipSpace(text, i + 1);
      mode = 'value';
      continue;
    }
    if (mode === 'value') {
      i = skipSpace(text, i);
      const c = text[i];
      if (c === '{' || c === '[') {
        i = skipSpace(text, i + 1);
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          mode = 'after';
        } else {
          stack.push(c);
          mode = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      if (c === '"') {
        const end = scanString(text, i);
        if (end < 0) return -end - 1;
        i = end;
      } else {
        const re = c === '-' || (c >= '0' && c <= '9') ? NUMBER : LITERAL;
        re.lastIndex = i;
        if (!re.exec(text)) return i;
        i = re.lastIndex;
      }
      mode = 'after';
      continue;
    }
    // after a value
    i = skipSpace(text, i);
    const top = stack[stack.length - 1];
    if (top === undefined) return i === text.length ? undefined : i;
    const c = text[i];
    if (c === ',') {
      i++;
      mode = top === '{' ? 'key' : 'value';
    } else if (c === (top === '{' ? '}' : ']')) {
      i++;
      stack.pop();
    } else {
      return i;
    }
  }
}
