/*
 * The literal part of an HCL expression, as JSON: `{ a = 1, b = { c = "x" } }`
 * becomes `{ a: 1, b: { c: 'x' } }`. What is not a literal (references,
 * function calls, conditionals, templates with `${}`) becomes UNKNOWN, so a
 * check can tell "not set" from "set to something computed". Enough for the
 * `values = [yamlencode({ … })]` of our helm_release blocks; not a general
 * HCL evaluator.
 */
export const UNKNOWN: unique symbol = Symbol('unknown');

export type HclValue =
  | string
  | number
  | boolean
  | null
  | typeof UNKNOWN
  | HclValue[]
  | { [key: string]: HclValue };

/** The value of a `local.<name>` reference, when it is known. */
export type Resolve = (reference: string) => HclValue | undefined;

class Reader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly resolve: Resolve = () => undefined,
  ) {}

  /** Skips blanks and comments; newlines too unless `keepNewlines`. */
  skip(keepNewlines = false) {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '\n' && keepNewlines) return;
      if (/\s/.test(c)) this.pos++;
      else if (c === '#' || text.startsWith('//', this.pos)) {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      } else if (text.startsWith('/*', this.pos)) {
        const end = text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? text.length : end + 2;
      } else return;
    }
  }

  peek() {
    return this.text[this.pos];
  }

  /** A quoted string: its value, or UNKNOWN when it interpolates. */
  string(): string | typeof UNKNOWN {
    this.pos++;
    let out = '';
    let dynamic = false;
    while (this.pos < this.text.length && this.text[this.pos] !== '"') {
      const c = this.text[this.pos];
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        out += { n: '\n', t: '\t', '"': '"', '\\': '\\' }[next] ?? next;
        this.pos += 2;
      } else if ((c === '$' || c === '%') && this.text[this.pos + 1] === '{') {
        dynamic = true;
        this.pos = this.balanced(this.pos + 1);
      } else {
        out += c;
        this.pos++;
      }
    }
    this.pos++;
    return dynamic ? UNKNOWN : out;
  }

  /** The index after the bracket group opening at `at`. */
  balanced(at: number): number {
    const open = this.text[at];
    const close = { '{': '}', '[': ']', '(': ')' }[open]!;
    let depth = 0;
    for (let i = at; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '"') {
        const saved = this.pos;
        this.pos = i;
        this.string();
        i = this.pos - 1;
        this.pos = saved;
      } else if (c === open) depth++;
      else if (c === close && --depth === 0) return i + 1;
    }
    return this.text.length;
  }

  /** Skips a non-literal expression up to the end of its item. */
  skipExpression() {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '\n' || c === ',' || c === '}' || c === ']' || c === ')') {
        return;
      }
      if (c === '{' || c === '[' || c === '(')
        this.pos = this.balanced(this.pos);
      else if (c === '"') this.string();
      else this.pos++;
    }
  }

  /** One value; a literal followed by more expression is UNKNOWN. */
  value(): HclValue {
    this.skip();
    const c = this.peek();
    let v: HclValue;
    if (c === '{') v = this.object();
    else if (c === '[') v = this.list();
    else if (c === '"') v = this.string();
    else {
      const m =
        /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![\w.(\[])/.exec(
          this.text.slice(this.pos),
        );
      const ref = /^local\.[A-Za-z_][\w-]*/.exec(this.text.slice(this.pos));
      const resolved = ref ? this.resolve(ref[0]) : undefined;
      if (ref && resolved !== undefined) {
        this.pos += ref[0].length;
        v = resolved;
      } else if (m) {
        this.pos += m[0].length;
        const words: Record<string, HclValue> = {
          true: true,
          false: false,
          null: null,
        };
        v = m[1] in words ? words[m[1]] : Number(m[1]);
      } else {
        this.skipExpression();
        return UNKNOWN;
      }
    }
    this.skip(true);
    const next = this.peek();
    if (next !== undefined && !'\n,}])'.includes(next)) {
      this.skipExpression();
      return UNKNOWN;
    }
    return v;
  }

  object(): { [key: string]: HclValue } | typeof UNKNOWN {
    const start = this.pos;
    const out: { [key: string]: HclValue } = {};
    this.pos++;
    for (;;) {
      this.skip();
      const c = this.peek();
      if (c === undefined) return out;
      if (c === '}') {
        this.pos++;
        return out;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      let key: string | typeof UNKNOWN = UNKNOWN;
      if (c === '"') key = this.string();
      else {
        const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.pos));
        if (m && !(m[0] === 'for' && /\s/.test(this.text[this.pos + 3]))) {
          key = m[0];
          this.pos += m[0].length;
        } else {
          // a `for` expression or a computed key: not a literal object
          this.pos = this.balanced(start);
          return UNKNOWN;
        }
      }
      this.skip();
      if (this.peek() !== '=' && this.peek() !== ':') {
        this.pos = this.balanced(start);
        return UNKNOWN;
      }
      this.pos++;
      const v = this.value();
      if (key !== UNKNOWN) out[key] = v;
    }
  }

  list(): HclValue[] {
    const out: HclValue[] = [];
    this.pos++;
    for (;;) {
      this.skip();
      const c = this.peek();
      if (c === undefined) return out;
      if (c === ']') {
        this.pos++;
        return out;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      out.push(this.value());
    }
  }
}

/** The literal value of an HCL expression (UNKNOWN where it is computed). */
export function hclLiteral(expression: string, resolve?: Resolve): HclValue {
  return new Reader(expression, resolve).value();
}

/**
 * The object passed to `yamlencode(...)` in a `values` item as hcl2json
 * gives it (`${yamlencode({ … })}`), or undefined for anything else.
 */
export function yamlencodeArgument(
  item: unknown,
  resolve?: Resolve,
): HclValue | undefined {
  if (typeof item !== 'string') return undefined;
  const m = /^\$\{yamlencode\(([\s\S]*)\)\}$/.exec(item.trim());
  return m ? hclLiteral(m[1], resolve) : undefined;
}

/** hcl2json's JSON of a literal (a local's value) as an HclValue: interpolated strings are UNKNOWN. */
export function fromHclJson(value: unknown): HclValue {
  if (typeof value === 'string') return value.includes('${') ? UNKNOWN : value;
  if (Array.isArray(value)) return value.map(fromHclJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fromHclJson(v)]),
    );
  }
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return value;
  }
  return UNKNOWN;
}
