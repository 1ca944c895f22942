/*
 * The nunjucks environment for template trees.
 *
 * Template trees are written by platform teams (trusted); user input is data
 * only, never template source. Our delimiters are chosen so that the foreign
 * template syntaxes inside generated files need no escaping at all:
 *
 *   prints    {= value | filter =}      (Helm/Go and Actions use {{ }} / ${{ }})
 *   blocks    {% if … %} … {% endif %}  (HCL uses %{ }, never {%)
 *   comments  {## … ##}                 (bash uses ${#var})
 *
 * Every print must end with an escaping filter (see filters.ts).
 */
import nunjucks from 'nunjucks';
import { ESCAPING_FILTERS } from './filters';

export const DELIMITERS = {
  blockStart: '{%',
  blockEnd: '%}',
  variableStart: '{=',
  variableEnd: '=}',
  commentStart: '{##',
  commentEnd: '##}',
} as const;

/** Creates the environment; `searchPaths` serve `{% include %}` / `{% import %}`. */
export function createEnvironment(
  searchPaths: string[] = [],
): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(searchPaths, { noCache: false }),
    {
      autoescape: false,
      throwOnUndefined: true,
      trimBlocks: true,
      lstripBlocks: true,
      tags: DELIMITERS,
    },
  );
  for (const [name, filter] of Object.entries(ESCAPING_FILTERS)) {
    env.addFilter(name, filter);
  }
  return env;
}

/** A print found without an escaping filter. */
export type UnescapedPrint = { line: number; expression: string };

/** Splits an expression on `|` at nesting depth 0, outside string literals. */
function splitPipes(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quote) {
      current += c;
      if (c === '\\') {
        current += expression[++i] ?? '';
      } else if (c === quote) {
        quote = undefined;
      }
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
    } else if (c === '|' && depth === 0 && expression[i + 1] !== '|') {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

/**
 * Finds every `{= … =}` print whose last filter is not an escaping filter.
 * Run on each `.njk` file when a tree is loaded, so an unsafe template fails
 * at start-up rather than leaking a raw value into a generated file.
 */
export function findUnescapedPrints(source: string): UnescapedPrint[] {
  const found: UnescapedPrint[] = [];
  for (const match of source.matchAll(/\{=-?([\s\S]*?)-?=\}/g)) {
    const expression = match[1].trim();
    const parts = splitPipes(expression);
    const last = parts.length > 1 ? parts[parts.length - 1].trim() : '';
    const name = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(last)?.[1];
    if (!name || !(name in ESCAPING_FILTERS)) {
      const line = source.slice(0, match.index).split('\n').length;
      found.push({ line, expression });
    }
  }
  return found;
}
