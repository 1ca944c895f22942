/*
 * The rule of every golden file of the output matrices: a golden is compared,
 * never written behind the reviewer's back.
 *
 * - Without the update variable, a missing golden fails the test (it is
 *   never created silently) and any difference fails it.
 * - With the update variable (`<VAR>=1`), outside CI only, the golden is
 *   rewritten when it differs, the changed file is printed, and the test
 *   still compares against what was written.
 * - Under CI=true the update variable is refused with an error.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Whether the golden update `variable` asks for a rewrite (throws under CI). */
export function goldenUpdateRequested(variable: string): boolean {
  if (process.env[variable] !== '1') {
    return false;
  }
  if (process.env.CI === 'true') {
    throw new Error(
      `${variable}=1 is refused under CI=true: goldens are rewritten only outside CI ` +
        `(e.g. ${variable}=1 yarn backstage-cli package test <file> --no-watch), then review the diff`,
    );
  }
  return true;
}

/**
 * Compares `actual` with the golden `file`; rewrites it first when
 * `variable` asks for it (see the rules above).
 */
export function expectGolden(
  file: string,
  actual: string,
  variable: string,
): void {
  const shown = path.relative(process.cwd(), file);
  if (goldenUpdateRequested(variable)) {
    const before = fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8')
      : undefined;
    if (before !== actual) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, actual);
      // eslint-disable-next-line no-console
      console.warn(
        `${before === undefined ? 'created' : 'updated'} golden ${shown}`,
      );
    }
  } else if (!fs.existsSync(file)) {
    throw new Error(
      `golden ${shown} is missing: create it with ${variable}=1 (outside CI) and review it`,
    );
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
