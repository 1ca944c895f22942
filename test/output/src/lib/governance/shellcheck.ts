/*
 * Runs Debian's shellcheck on the generated shell scripts and workflow
 * `run:` steps. scripts/ensure-debian-packages.sh installs it before the
 * tests; a missing or crashing shellcheck is an error, never "no findings".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs shellcheck on scripts (bash, as GitHub runs `run:` with
 * `bash -e -o pipefail`). Returns shellcheck's findings, one per line,
 * prefixed with the place of the script. Throws when shellcheck is missing,
 * exits with anything but 0 (clean) or 1 (findings), writes to stderr, or
 * exits with 1 without a finding.
 */
export function shellcheck(
  scripts: { where: string; script: string }[],
  bin = 'shellcheck',
): string[] {
  if (scripts.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-shellcheck-'));
  try {
    const files = scripts.map((s, i) => {
      const file = path.join(dir, `script-${i}.sh`);
      const body = s.script.startsWith('#!')
        ? s.script
        : `#!/usr/bin/env bash\nset -eo pipefail\n${s.script}`;
      fs.writeFileSync(file, body);
      return { file, where: s.where };
    });
    const result = spawnSync(
      bin,
      ['--format=gcc', '--severity=style', ...files.map(f => f.file)],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (result.error) {
      throw new Error(
        `cannot run ${bin} (${result.error.message}); install it with scripts/ensure-debian-packages.sh`,
      );
    }
    const stderr = result.stderr.trim();
    const findings = result.stdout.split('\n').filter(Boolean);
    if (result.status !== 0 && result.status !== 1) {
      throw new Error(
        `shellcheck exited with ${result.status ?? result.signal}: ${stderr}`,
      );
    }
    if (stderr) {
      throw new Error(`shellcheck exited with ${result.status}: ${stderr}`);
    }
    if (result.status === 1 && findings.length === 0) {
      throw new Error('shellcheck exited with 1 but reported no finding');
    }
    if (result.status === 0 && findings.length > 0) {
      throw new Error(
        `shellcheck exited with 0 but printed: ${findings.join('\n')}`,
      );
    }
    return findings.map(line => {
      const f = files.find(x => line.startsWith(`${x.file}:`));
      return f ? `${f.where}: ${line.slice(f.file.length + 1)}` : line;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
