/*
 * Starts the portal made by run.sh (its built frontend served by the
 * backend) on a free port, runs one IaC Forge Template through the
 * scaffolder REST API, clones the result from the embedded git host and runs
 * the output checks on it, then opens /create in Chromium: the five Templates
 * are listed and the preview field renders files.
 * Usage: node check-portal.mjs PORTAL_DIR REPO_ROOT
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const [portal, repoRoot] = process.argv.slice(2);
const backendDir = path.join(portal, 'packages', 'backend');
const fromPortal = createRequire(path.join(backendDir, 'package.json'));
const fromRepo = createRequire(path.join(repoRoot, 'package.json'));
const resultsDir = path.join(repoRoot, 'test-results', 'install');
fs.mkdirSync(resultsDir, { recursive: true });

const TITLES = [
  'Service on a new Kubernetes cluster',
  'Service on an existing cluster',
  'Kubernetes cluster (Terraform + add-ons + governance)',
  'GitOps service (Flux dev/prod, Flagger canary, promotion)',
  'Upgrade an IaC repository',
];

const t0 = Date.now();
const log = msg =>
  console.log(`  [portal ${((Date.now() - t0) / 1000).toFixed(0)}s] ${msg}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what, check, timeoutMs, exited) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited?.()) throw new Error(`${what}: ${exited()}`);
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not after ${timeoutMs / 1000}s`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-install-'));
const override = path.join(work, 'app-config.test.yaml');
fs.writeFileSync(
  override,
  [
    'app:',
    `  baseUrl: ${baseUrl}`,
    'backend:',
    `  baseUrl: ${baseUrl}`,
    '  listen:',
    `    port: ${port}`,
    '    host: 127.0.0.1',
    '  cors:',
    `    origin: ${baseUrl}`,
    '',
  ].join('\n'),
);
fs.rmSync(path.join(portal, 'data'), { recursive: true, force: true });
const logFile = path.join(resultsDir, 'backend.log');
const out = fs.openSync(logFile, 'w');
const child = spawn(
  process.execPath,
  [
    '--require',
    fromPortal.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    'src/index.ts',
    '--config',
    path.join(portal, 'app-config.yaml'),
    '--config',
    override,
  ],
  {
    cwd: backendDir,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      GITHUB_TOKEN: 'unused',
    },
  },
);
let exited;
child.once('exit', (code, signal) => {
  exited = `backend exited (code ${code}, signal ${signal}); see ${logFile}`;
});
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // gone
  }
};
process.once('exit', stop);

let browser;
try {
  await waitFor(
    'backend readiness',
    async () => (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok,
    300_000,
    () => exited,
  );
  log(`backend ready at ${baseUrl}`);
  const { backstageIdentity } = await (
    await fetch(`${baseUrl}/api/auth/guest/refresh`)
  ).json();
  const api = async (method, url, body) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        Authorization: `Bearer ${backstageIdentity.token}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  // the five Templates, from the catalog module
  let templates = [];
  await waitFor(
    'the five IaC Forge Templates in the catalog',
    async () => {
      const res = await api(
        'GET',
        '/api/catalog/entities/by-query?filter=kind=template,metadata.tags=iacforge&limit=20',
      );
      templates = res.items.map(e => e.metadata.title);
      return templates.length === 5;
    },
    180_000,
    () => exited,
  );
  log(`catalog: ${templates.sort().join(' | ')}`);

  // one Template through the scaffolder REST API
  const values = {
    cloud: 'existing',
    existing_cluster_cloud: 'gcp',
    chart_name: 'orders',
    namespace: 'orders',
    image_repository: 'nginx',
    image_tag: '1.27',
    replica_count: 2,
    container_port: 8080,
    service_port: 80,
    load_balancer_type: 'ClusterIP',
    ingress_enabled: false,
    hpa_enabled: true,
    hpa_min_replicas: 2,
    hpa_max_replicas: 6,
    pdb_enabled: true,
    metrics_enabled: false,
    logs_enabled: false,
    audit_enabled: false,
    owner: 'group:default/guests',
    governance_enabled: true,
    enable_native_checks: false,
    repo_owner: 'platform-team',
    repo_name: 'orders',
  };
  const { id } = await api('POST', '/api/scaffolder/v2/tasks', {
    templateRef: 'template:default/iacforge-service-existing-cluster',
    values,
  });
  let task;
  await waitFor(
    'the scaffolder task',
    async () => {
      task = await api('GET', `/api/scaffolder/v2/tasks/${id}`);
      return ['completed', 'failed', 'cancelled'].includes(task.status);
    },
    300_000,
    () => exited,
  );
  if (task.status !== 'completed') {
    const events = await api('GET', `/api/scaffolder/v2/tasks/${id}/events`);
    const logText = events
      .filter(e => e.type === 'log')
      .map(e => e.body.message)
      .join('\n');
    throw new Error(`task ${task.status}:\n${logText.slice(-4000)}`);
  }
  log('task completed: iacforge-service-existing-cluster');

  const dest = path.join(work, 'orders');
  execFileSync(
    'git',
    [
      'clone',
      '--quiet',
      `${baseUrl}/api/iac/git/platform-team/orders.git`,
      dest,
    ],
    { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
  );
  for (const f of [
    'charts/orders/Chart.yaml',
    'catalog-info.yaml',
    '.github/workflows',
  ]) {
    if (!fs.existsSync(path.join(dest, f))) throw new Error(`clone lacks ${f}`);
  }
  // the installed package's checks; helm from the repository's .tools
  process.chdir(repoRoot);
  const { checkDirectory, formatFindings } = fromPortal(
    '@iacforge/output-checks',
  );
  const helm = fs.existsSync(path.join(repoRoot, '.tools', 'helm'));
  const report = await checkDirectory(dest, {
    ignoreDirectories: ['.git'],
    helm,
  });
  if (!report.ok)
    throw new Error(`output checks:\n${formatFindings(report.findings)}`);
  log(
    `clone passes the output checks (${
      helm ? 'with' : 'without'
    } helm): ${Object.entries(report.checkedFiles)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );

  // /create in Chromium
  const { chromium } = fromRepo('playwright-core');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 } })
  ).newPage();
  await page.goto(baseUrl);
  const enter = page.getByRole('button', { name: /enter/i });
  if (
    await enter.waitFor({ timeout: 60_000 }).then(
      () => true,
      () => false,
    )
  ) {
    await enter.click();
    await enter.waitFor({ state: 'detached' });
  }
  await page.goto(`${baseUrl}/create`);
  for (const title of TITLES) {
    await page
      .getByText(title, { exact: true })
      .first()
      .waitFor({ timeout: 120_000 });
  }
  await page.screenshot({
    path: path.join(resultsDir, 'create.png'),
    fullPage: true,
  });
  log('/create lists the five templates');
  await page
    .locator('[class*="MuiCard-root"]', {
      hasText: 'Service on an existing cluster',
    })
    .first()
    .getByRole('button', { name: /choose/i })
    .click();
  for (let i = 0; i < 12; i++) {
    if (await page.getByTestId('iac-preview').count()) break;
    if (await page.getByLabel(/Repository name/).count()) {
      await page.getByLabel(/Repository name/).fill('from-browser');
    }
    await page.getByRole('button', { name: /^Next$/ }).click();
    await page.waitForTimeout(1000);
  }
  await page.getByTestId('iac-preview').waitFor({ timeout: 60_000 });
  await page
    .locator('[data-testid^="iac-file-"]')
    .first()
    .waitFor({ timeout: 120_000 });
  const files = await page.locator('[data-testid^="iac-file-"]').count();
  await page.screenshot({
    path: path.join(resultsDir, 'preview.png'),
    fullPage: true,
  });
  if (files < 5) throw new Error(`the preview shows ${files} files`);
  log(`the preview field renders ${files} files`);
} finally {
  await browser?.close().catch(() => undefined);
  stop();
  fs.rmSync(work, { recursive: true, force: true });
}
