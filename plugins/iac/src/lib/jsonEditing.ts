/*
 * Editor help for the playground's JSON: parse errors and API field-path
 * issues as ranges of the text, and schema-aware completion.
 */
import {
  findNodeAtLocation,
  getLocation,
  parse,
  ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import { formatIssue } from '@iacforge/plugin-iac-common';
import type { ValidationIssue } from '../api/types';
import {
  parseIssuePath,
  propertiesAt,
  schemasAt,
  Schema,
  valueChoices,
  describeType,
} from './jsonSchema';

export interface TextDiagnostic {
  from: number;
  to: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The issue's payload path (API issues only). */
  path?: string;
}

/** Parses the editor text; a document is only sent when this succeeds. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; errors: TextDiagnostic[] } {
  const errors: ParseError[] = [];
  const value = parse(text, errors, {
    allowTrailingComma: false,
    disallowComments: true,
  });
  if (errors.length) {
    return {
      ok: false,
      errors: errors.map(e => ({
        from: e.offset,
        to: Math.min(text.length, e.offset + Math.max(1, e.length)),
        severity: 'error',
        message: `JSON: ${printParseErrorCode(e.error)}`,
      })),
    };
  }
  if (value === undefined) {
    return {
      ok: false,
      errors: [
        { from: 0, to: 0, severity: 'error', message: 'JSON: empty document' },
      ],
    };
  }
  return { ok: true, value };
}

/** Maps API issues onto the text: the value at the path, or the nearest existing parent. */
export function issueDiagnostics(
  text: string,
  issues: ValidationIssue[],
): TextDiagnostic[] {
  const root = parseTree(text);
  if (!root) return [];
  return issues.map(issue => {
    const path = parseIssuePath(issue.path);
    for (let i = path.length; i >= 0; i--) {
      const node = i === 0 ? root : findNodeAtLocation(root, path.slice(0, i));
      if (!node) continue;
      if (i === path.length) {
        const prop = node.parent?.type === 'property' ? node.parent : undefined;
        const key = prop?.children?.[0];
        const composite = node.type === 'object' || node.type === 'array';
        const from = key ? key.offset : node.offset;
        // long object / array values: underline the key only
        let to = node.offset + node.length;
        if (composite) to = key ? key.offset + key.length : node.offset + 1;
        return {
          from,
          to: Math.max(to, from + 1),
          severity: 'error' as const,
          message: formatIssue(issue),
          path: issue.path,
        };
      }
      // missing field: mark the object that should hold it
      const anchor =
        node.parent?.type === 'property' ? node.parent.children![0] : node;
      return {
        from: anchor.offset,
        to: anchor.offset + (anchor === node ? 1 : anchor.length),
        severity: 'error' as const,
        message: formatIssue(issue),
        path: issue.path,
      };
    }
    return {
      from: 0,
      to: Math.min(1, text.length),
      severity: 'error' as const,
      message: formatIssue(issue),
      path: issue.path,
    };
  });
}

export interface CompletionItem {
  /** What is matched against the typed text (property names with their quotes). */
  label: string;
  /** What the list shows. */
  displayLabel?: string;
  type: 'property' | 'constant' | 'enum';
  detail?: string;
  info?: string;
  apply: string;
}

export interface CompletionResult {
  from: number;
  to: number;
  options: CompletionItem[];
}

/**
 * Completion at `offset`: property names valid at that point of the
 * document (with type and description), or the literal values of the
 * property (enum, const, booleans).
 */
export function completeAt(
  text: string,
  offset: number,
  schema: Schema,
): CompletionResult | undefined {
  const location = getLocation(text, offset);
  const doc = parse(text, [], { allowTrailingComma: true });
  // the word being typed, with its opening quote (labels carry quotes too,
  // so the editor's matching works whether or not a quote was typed)
  const before = text.slice(0, offset);
  const word = /"?[A-Za-z0-9_.-]*$/.exec(before)?.[0] ?? '';
  const from = offset - word.length;
  let to = offset;
  while (to < text.length && /[A-Za-z0-9_"-]/.test(text[to])) to++;
  const after = text.slice(to);

  if (location.isAtPropertyKey || /[{,]\s*"?[A-Za-z0-9_]*$/.test(before)) {
    const path = location.isAtPropertyKey
      ? location.path.slice(0, -1)
      : location.path;
    const parentPath = path.filter(
      (s): s is string | number =>
        typeof s === 'string' || typeof s === 'number',
    );
    const existing = new Set(
      Object.keys(
        (parentPath.reduce<unknown>(
          (v, k) => (v && typeof v === 'object' ? (v as any)[k] : undefined),
          doc,
        ) as object) ?? {},
      ),
    );
    const props = propertiesAt(schema, parentPath, doc);
    if (!props.size) return undefined;
    const needsColon = !/^\s*:/.test(after);
    const options: CompletionItem[] = [...props.entries()]
      .filter(
        ([key]) =>
          !existing.has(key) ||
          `"${key}"` === word ||
          key === word.replace(/"/g, ''),
      )
      .map(([key, prop]) => ({
        label: `"${key}"`,
        displayLabel: key,
        type: 'property',
        detail: describeType(schema, prop),
        info:
          typeof prop.description === 'string' ? prop.description : undefined,
        apply: `"${key}"${needsColon ? ': ' : ''}`,
      }));
    return { from, to, options };
  }

  // a value position
  const path = location.path.filter(
    (s): s is string | number => typeof s === 'string' || typeof s === 'number',
  );
  const schemas = schemasAt(schema, path, doc);
  const choices = valueChoices(schema, schemas);
  if (!choices.length) return undefined;
  const valueWord = /"?[A-Za-z0-9_.-]*$/.exec(before)?.[0] ?? '';
  return {
    from: offset - valueWord.length,
    to,
    options: choices.map(value => ({
      label: JSON.stringify(value),
      type: typeof value === 'string' ? 'enum' : 'constant',
      apply: JSON.stringify(value),
    })),
  };
}
