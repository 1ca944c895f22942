/*
 * Which status checks a GitHub Actions workflow reports on a pull request,
 * under the names GitHub gives them, and whether each can be skipped.
 *
 * GitHub leaves a required check "expected" (pending) forever when its
 * workflow does not start (a `paths` filter), and reports a skipped job as
 * passed: a required check must come from a job that starts on every pull
 * request into the protected branch and cannot be skipped.
 */
import { parse } from 'yaml';
import { isPlainObject } from '../util';

/** A check run a job reports, with why it may not run on a pull request. */
export interface ProducedCheck {
  name: string;
  workflow: string;
  job: string;
  /** Empty when the job runs on every pull request into the branch. */
  skippedWhen: string[];
}

/** The pull_request activity types a workflow must run on (GitHub's default). */
const DEFAULT_TYPES = ['opened', 'synchronize', 'reopened'];

/** `always()` and `!cancelled()` conditions never skip a job that started. */
const ALWAYS = /^\s*(\$\{\{\s*)?(always\(\)|!\s*cancelled\(\))(\s*\}\})?\s*$/;

/** Minimal glob match of GitHub branch filters (`*`: no `/`, `**`: anything). */
export function branchMatches(pattern: string, branch: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '.';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`).test(branch);
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.map(String) : [];
}

/** Why the workflow may not start on a pull request into `branch` (empty: it always starts). */
export function triggerGaps(on: unknown, branch: string): string[] | undefined {
  if (typeof on === 'string' || Array.isArray(on)) {
    if (!asList(on).includes('pull_request')) return undefined;
    return [];
  }
  if (!isPlainObject(on) || !('pull_request' in on)) return undefined;
  const trigger = on.pull_request;
  if (!isPlainObject(trigger)) return [];
  const gaps: string[] = [];
  for (const filter of ['paths', 'paths-ignore']) {
    if (filter in trigger) {
      gaps.push(`the workflow's pull_request trigger has a ${filter} filter`);
    }
  }
  if ('branches' in trigger) {
    const branches = asList(trigger.branches);
    const included = branches.some(
      b => !b.startsWith('!') && branchMatches(b, branch),
    );
    const excluded = branches.some(
      b => b.startsWith('!') && branchMatches(b.slice(1), branch),
    );
    if (!included || excluded) {
      gaps.push(`its branches filter does not include ${branch}`);
    }
  }
  if (asList(trigger['branches-ignore']).some(b => branchMatches(b, branch))) {
    gaps.push(`its branches-ignore filter excludes ${branch}`);
  }
  if ('types' in trigger) {
    const types = asList(trigger.types);
    const missing = DEFAULT_TYPES.filter(t => !types.includes(t));
    if (missing.length) {
      gaps.push(`its types filter leaves out ${missing.join(', ')}`);
    }
  }
  return gaps;
}

/** Why a job may be skipped once its workflow started (empty: never). */
function jobGaps(job: Record<string, unknown>): string[] {
  const gaps: string[] = [];
  const condition = job.if;
  const always = typeof condition === 'string' && ALWAYS.test(condition);
  if (condition !== undefined && condition !== true && !always) {
    gaps.push(`job-level if: ${String(condition)}`);
  }
  if (asList(job.needs).length && !always) {
    gaps.push(
      `it needs ${asList(job.needs).join(
        ', ',
      )} without if: always() (skipped when one of them fails or is skipped)`,
    );
  }
  return gaps;
}

type MatrixRow = Record<string, string>;

/** The matrix rows of a job when they are literal, `[{}]` without a matrix, undefined when unknown. */
function matrixRows(job: Record<string, unknown>): MatrixRow[] | undefined {
  const strategy = job.strategy;
  if (!isPlainObject(strategy) || strategy.matrix === undefined) return [{}];
  const matrix = strategy.matrix;
  if (!isPlainObject(matrix)) return undefined;
  let rows: MatrixRow[] = [{}];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue;
    if (!Array.isArray(values)) return undefined;
    rows = rows.flatMap(row => values.map(v => ({ ...row, [key]: String(v) })));
  }
  if (matrix.exclude !== undefined || matrix.include !== undefined) {
    return undefined; // not expanded here: the names are not known
  }
  return rows;
}

/** The check names of a job, as GitHub reports them; undefined when not literal. */
export function jobCheckNames(
  id: string,
  job: Record<string, unknown>,
): string[] | undefined {
  const rows = matrixRows(job);
  if (!rows) return undefined;
  const name = typeof job.name === 'string' ? job.name : id;
  const expression = /\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}/g;
  const usesMatrix = expression.test(name);
  if (/\$\{\{/.test(name.replace(expression, ''))) return undefined;
  return rows.map(row => {
    if (usesMatrix) {
      return name.replace(expression, (_, key: string) => row[key] ?? '');
    }
    const values = Object.values(row);
    return values.length ? `${name} (${values.join(', ')})` : name;
  });
}

/** Every check a workflow reports on a pull request into `branch`. */
export function producedChecks(
  file: string,
  source: string,
  branch: string,
): ProducedCheck[] {
  let workflow: unknown;
  try {
    workflow = parse(source);
  } catch {
    return []; // the yaml check reports it
  }
  if (!isPlainObject(workflow) || !isPlainObject(workflow.jobs)) return [];
  const triggers = triggerGaps(workflow.on, branch);
  if (!triggers) return [];
  const checks: ProducedCheck[] = [];
  for (const [id, job] of Object.entries(workflow.jobs)) {
    if (!isPlainObject(job) || job.uses !== undefined) continue;
    const skippedWhen = [...triggers, ...jobGaps(job)];
    for (const name of jobCheckNames(id, job) ?? []) {
      checks.push({ name, workflow: file, job: id, skippedWhen });
    }
  }
  return checks;
}
