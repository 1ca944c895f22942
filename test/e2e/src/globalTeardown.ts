import fs from 'node:fs';
import type { Portal } from './lib/portal';

export default async function globalTeardown() {
  const shared = (globalThis as any).__IACFORGE_E2E__ as
    | { portal: Portal; gitDir: string }
    | undefined;
  if (shared) {
    await shared.portal.stop();
    fs.rmSync(shared.gitDir, { recursive: true, force: true });
  }
}
