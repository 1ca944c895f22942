import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseAllDocuments,
  Tags,
  YAMLError,
} from 'yaml';
import type { ObjectPath } from './schemaErrors';
import { Severity } from './types';

export interface Position {
  line: number;
  column: number;
}

export interface YamlIssue extends Partial<Position> {
  severity: Severity;
  message: string;
}

export interface ParsedYaml {
  /** Documents without errors, with their plain JS value. */
  documents: Array<{ doc: Document.Parsed; value: unknown }>;
  issues: YamlIssue[];
  lineCounter: LineCounter;
}

/**
 * Parses a (multi-document) YAML file. `kubernetes` selects YAML 1.1 as read
 * by sigs.k8s.io/yaml (helm, kubectl): `yes`/`on` are booleans, `0755` is
 * octal; timestamps stay strings as in Kubernetes' JSON conversion.
 */
export function parseYaml(
  source: string,
  options: { kubernetes?: boolean } = {},
): ParsedYaml {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source, {
    lineCounter,
    prettyErrors: true,
    ...(options.kubernetes
      ? {
          version: '1.1' as const,
          customTags: (tags: Tags) =>
            tags.filter(
              t =>
                typeof t === 'string' ||
                t.tag !== 'tag:yaml.org,2002:timestamp',
            ),
        }
      : {}),
  });
  const issues: YamlIssue[] = [];
  const documents: ParsedYaml['documents'] = [];
  const toIssue = (error: YAMLError, severity: Severity): YamlIssue => {
    const [first] = error.message.split('\n');
    return {
      severity,
      line: error.linePos?.[0].line,
      column: error.linePos?.[0].col,
      message: first.replace(/ at line \d+, column \d+:?$/, ''),
    };
  };
  for (const doc of docs) {
    issues.push(...doc.errors.map(e => toIssue(e, 'error')));
    issues.push(...doc.warnings.map(e => toIssue(e, 'warning')));
    if (doc.errors.length === 0) {
      documents.push({ doc, value: doc.toJS({ maxAliasCount: 1000 }) });
    }
  }
  return { documents, issues, lineCounter };
}

/**
 * Where `at` is in a parsed document: the key when `atKey`, else the value.
 * Falls back to the deepest existing ancestor (e.g. for a missing field).
 */
export function locate(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  at: ObjectPath,
  atKey: boolean,
): Position | undefined {
  let node: unknown = doc.contents;
  let found: Node | undefined = isNode(node) ? node : undefined;
  for (let i = 0; i < at.length; i++) {
    const segment = at[i];
    if (isAlias(node)) {
      node = node.resolve(doc);
    }
    if (isMap(node)) {
      const pair = node.items.find(
        p => (isScalar(p.key) ? p.key.value : p.key) === segment,
      );
      if (!pair) {
        break;
      }
      if (atKey && i === at.length - 1 && isNode(pair.key)) {
        found = pair.key;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      break;
    }
    if (!isNode(node)) {
      break;
    }
    found = node;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) {
    return undefined;
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    'range' in value &&
    Array.isArray((value as { range?: unknown }).range)
  );
}
