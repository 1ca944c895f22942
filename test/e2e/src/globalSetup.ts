/*
 * One portal for the whole e2e run: the built frontend and the real backend
 * with the local git host, started once before the first suite and stopped
 * after the last (globalTeardown.ts), even when a suite fails. Suites reach
 * it through sharedPortal() and keep their data apart by name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ensureFrontendBuilt,
  SHARED_PORTAL_ENV,
  startPortal,
} from './lib/portal';

export default async function globalSetup() {
  const frontend = ensureFrontendBuilt();
  if (frontend.built) {
    // eslint-disable-next-line no-console
    console.log(`\nbuilt the frontend in ${frontend.seconds.toFixed(0)} s`);
  }
  const gitDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-e2e-git-'));
  const portal = await startPortal({ localGitDir: gitDir });
  process.env[SHARED_PORTAL_ENV] = JSON.stringify({
    baseUrl: portal.baseUrl,
    port: portal.port,
    logFile: portal.logFile,
    gitDir,
  });
  (globalThis as any).__IACFORGE_E2E__ = { portal, gitDir };
}
