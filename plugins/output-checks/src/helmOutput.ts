/*
 * Reading what helm prints: lint messages and errors as findings with the
 * chart file and line they point at, rendered output split per template.
 */
import { joinRel, normalizePath } from './files';
import type { ObjectPath } from './schemaErrors';
import { Finding, HelmVersion } from './types';
import { oneLine } from './util';

/** A chart to run helm on. */
export interface ChartTarget {
  /** Relative to the checked root (`.` for the root). */
  dir: string;
  /** Absolute path on disk. */
  absDir: string;
  /** `name` from Chart.yaml (helm prefixes template paths with it). */
  name: string;
  /**
   * Values sets, each one lint + template run: a label (chart-relative
   * path) and the absolute file (none for the chart's default values).
   */
  valuesSets: Array<{ label: string; file?: string }>;
}

/** A finding of one helm run, before runs are merged. */
export interface RunFinding extends Finding {
  helm: HelmVersion;
  values: string;
  /** All values sets of the chart the run was for, in run order. */
  valuesSets: string[];
}

const LOCATION =
  /^(?:template: )?([^\s:()]+\.(?:ya?ml|tpl|txt|json)):(\d+)(?::(\d+))?:?\s*(.*)$/s;

/** Maps a path as helm prints it (`web/templates/x.yaml`) to the checked root. */
export function chartFile(chart: ChartTarget, helmPath: string): string {
  const parts = normalizePath(helmPath).split('/');
  const inChart =
    parts.length > 1 && parts[0] === chart.name ? parts.slice(1) : parts;
  return joinRel(chart.dir, inChart.join('/'));
}

/** Parses one helm error text into file/line/message. */
export function parseHelmMessage(
  chart: ChartTarget,
  text: string,
  defaultFile: string,
): Pick<Finding, 'file' | 'line' | 'column' | 'message'> {
  const message = oneLine(text);
  let m = /^parse error at \(([^)]+?):(\d+)\):\s*(.*)$/.exec(message);
  if (m) {
    return {
      file: chartFile(chart, m[1]),
      line: Number(m[2]),
      message: `template parse error: ${m[3]}`,
    };
  }
  m = /^YAML parse error on (\S+?):\s*(.*)$/.exec(message);
  if (m) {
    return {
      file: chartFile(chart, m[1]),
      message: `rendered output is not valid YAML: ${m[2]}`,
    };
  }
  m = LOCATION.exec(message);
  if (m) {
    return {
      file: chartFile(chart, m[1]),
      line: Number(m[2]),
      column: m[3] ? Number(m[3]) : undefined,
      message: m[4] || message,
    };
  }
  return { file: defaultFile, message };
}

/** Parses `helm lint` output ([INFO]/[WARNING]/[ERROR] items). */
export function parseLintOutput(
  chart: ChartTarget,
  output: string,
): Array<Pick<Finding, 'file' | 'line' | 'column' | 'message' | 'severity'>> {
  const items: Array<{ level: string; text: string }> = [];
  let current: { level: string; text: string } | undefined;
  for (const line of output.split('\n')) {
    const item = /^\[(INFO|WARNING|ERROR)\]\s?(.*)$/.exec(line);
    if (item) {
      current = { level: item[1], text: item[2] };
      items.push(current);
    } else if (current && /^\s+\S/.test(line)) {
      current.text += `\n${line}`;
    } else {
      current = undefined;
    }
  }
  const chartYaml = joinRel(chart.dir, 'Chart.yaml');
  return items
    .filter(item => item.level !== 'INFO')
    .map(item => {
      const subject = /^([^\s:]*): ([\s\S]*)$/.exec(item.text);
      const defaultFile =
        subject && subject[1] && !subject[1].endsWith('/')
          ? joinRel(chart.dir, subject[1])
          : chartYaml;
      const parsed = parseHelmMessage(
        chart,
        subject ? subject[2] : item.text,
        defaultFile,
      );
      return {
        ...parsed,
        severity: 'error' as const,
        message:
          item.level === 'WARNING'
            ? `${parsed.message} (lint warning; fails --strict)`
            : parsed.message,
      };
    });
}

/** The text of helm's `Error: ...` (without the `--debug` hint). */
export function helmErrorText(stderr: string): string {
  const text = stderr
    .split('\n')
    .filter(line => !/^Use --debug flag/.test(line))
    .join('\n')
    .trim();
  return text.replace(/^Error:\s*/, '');
}

/** Splits `helm template` output into documents with their `# Source:`. */
export function splitRendered(
  output: string,
): Array<{ source?: string; text: string }> {
  return output
    .split(/^---[ \t]*$/m)
    .map(text => ({ text, source: /^# Source: (.+)$/m.exec(text)?.[1] }))
    .filter(doc => doc.text.trim() !== '');
}

/**
 * Best-effort line of a rendered field in its template: the deepest key of
 * the path that occurs exactly once as `key:` in the template source.
 */
export function locateInTemplate(
  source: string | undefined,
  at: ObjectPath,
): { line: number; column: number } | undefined {
  if (!source) {
    return undefined;
  }
  const lines = source.split('\n');
  const keys = at.filter((s): s is string => typeof s === 'string');
  for (let i = keys.length - 1; i >= 0; i--) {
    const escaped = keys[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^(\\s*(?:-\\s+)?)["']?${escaped}["']?\\s*:`);
    const hits = lines.flatMap((text, index) => {
      const m = pattern.exec(text);
      return m ? [{ line: index + 1, column: m[1].length + 1 }] : [];
    });
    if (hits.length === 1) {
      return hits[0];
    }
    if (hits.length > 1) {
      return undefined;
    }
  }
  return undefined;
}
