/*
 * yarn bench: prints the engine's speed figures (never asserted in tests).
 *
 *  1. render time of the generator spec's platform payloads, in-process (p50 / p99)
 *  2. ZIP time of the same output
 *  3. Backstage's built-in fetch:template rendering a tree of the same size
 *     (same files, same bytes, a few ${{ }} values) in the same run: ratio
 *  4. preview endpoint throughput and latency under a bounded loopback load
 *     against the real running backend
 */
/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ConfigReader } from '@backstage/config';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import {
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_PLATFORM_NEW_CLUSTER,
} from '@iacforge/plugin-iac-common';
import { createZip, IacEngine } from '@iacforge/plugin-iac-node';
import {
  guestToken,
  repoRoot,
  startPortal,
} from '@iacforge/e2e-tests/src/lib/portal';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function time(
  n: number,
  fn: () => unknown | Promise<unknown>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function main() {
  const engine = IacEngine.fromRoots([path.join(repoRoot, 'templates', 'iac')]);
  const results: Record<string, string> = {};

  for (const [name, payload] of [
    ['platform (new aws cluster)', SEED_PLATFORM_NEW_CLUSTER],
    ['platform (existing gcp cluster)', SEED_PLATFORM_EXISTING_CLUSTER],
  ] as const) {
    await time(20, () => engine.generate('platform', payload));
    const samples = await time(300, () => engine.generate('platform', payload));
    const files = engine.generate('platform', payload).files;
    const bytes = files.reduce((s, f) => s + f.content.length, 0);
    results[`render ${name}`] = `p50 ${fmt(percentile(samples, 50))}, p99 ${fmt(
      percentile(samples, 99),
    )} (${files.length} files, ${(bytes / 1024).toFixed(1)} KiB)`;
  }

  const result = engine.generate('platform', SEED_PLATFORM_NEW_CLUSTER);
  const zipSamples = await time(30, () => createZip(result.files));
  results['zip platform (new aws cluster)'] = `p50 ${fmt(
    percentile(zipSamples, 50),
  )}, p99 ${fmt(percentile(zipSamples, 99))}`;

  // fetch:template over a tree of the same size
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-bench-'));
  const content = path.join(dir, 'content');
  for (const f of result.files) {
    const target = path.join(content, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // same bytes; plain files get one ${{ values.name }} so there is something to render
    const text = f.content.toString('utf8');
    fs.writeFileSync(
      target,
      /\$\{\{|\{\{|\{%/.test(text)
        ? f.content
        : `# ${'${{ values.name }}'}\n${text}`,
    );
  }
  fs.writeFileSync(path.join(dir, 'template.yaml'), 'kind: Template\n');
  const config = new ConfigReader({ backend: { reading: { allow: [] } } });
  const logger = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child() {
      return logger;
    },
  };
  const reader = UrlReaders.default({ config, logger: logger as any });
  const fetchTemplate = createFetchTemplateAction({
    reader,
    integrations: ScmIntegrations.fromConfig(config),
  });
  const runFetch = async () => {
    const workspacePath = fs.mkdtempSync(path.join(dir, 'ws-'));
    await fetchTemplate.handler({
      input: {
        url: './content',
        values: { name: 'payments' },
        copyWithoutTemplating: result.files
          .filter(f => /\$\{\{|\{\{|\{%/.test(f.content.toString('utf8')))
          .map(f => f.path),
      },
      workspacePath,
      templateInfo: {
        baseUrl: `file://${dir}/template.yaml`,
        entityRef: 'template:default/bench',
      },
      logger: logger as any,
      output() {},
      checkpoint: async ({ fn }: { fn: () => Promise<any> }) => fn(),
      createTemporaryDirectory: async () =>
        fs.mkdtempSync(path.join(dir, 'tmp-')),
      getInitiatorCredentials: async () => ({} as any),
      task: { id: 'bench' },
    } as any);
    fs.rmSync(workspacePath, { recursive: true, force: true });
  };
  await time(3, runFetch);
  const fetchSamples = await time(20, runFetch);
  const engineP50 = percentile(
    await time(100, () =>
      engine.generate('platform', SEED_PLATFORM_NEW_CLUSTER),
    ),
    50,
  );
  results['fetch:template, same tree'] = `p50 ${fmt(
    percentile(fetchSamples, 50),
  )}: IaC Forge engine is ${(percentile(fetchSamples, 50) / engineP50).toFixed(
    1,
  )}x faster`;
  fs.rmSync(dir, { recursive: true, force: true });

  // preview endpoint on the running backend
  const portal = await startPortal();
  try {
    const token = await guestToken(portal.baseUrl);
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    };
    const url = `${portal.baseUrl}/api/iac/generate/platform/preview`;
    // distinct payloads (the response cache never hits), two ways:
    // - "edit": one field changes per request, as a live preview sends them
    // - "new": the names most files contain change per request
    let n = 0;
    const distinct = (mode: 'edit' | 'new') => {
      n += 1;
      const base = SEED_PLATFORM_NEW_CLUSTER;
      if (mode === 'edit') {
        return JSON.stringify({
          ...base,
          helm_context: { ...base.helm_context, chart_version: `0.1.${n}` },
        });
      }
      return JSON.stringify({
        ...base,
        terraform_context: {
          ...base.terraform_context,
          cluster_name: `bench-${n}`,
        },
        helm_context: {
          ...base.helm_context,
          chart_name: `svc-${n}`,
          namespace: `ns-${n}`,
          chart_version: `0.1.${n}`,
        },
      });
    };
    type Mode = 'edit' | 'new' | 'same';
    const run = (connections: number, duration: number, mode: Mode) =>
      autocannon({
        url,
        method: 'POST',
        headers,
        connections,
        duration,
        requests: [
          {
            method: 'POST',
            setupRequest: (req: any) => ({
              ...req,
              body:
                mode === 'same'
                  ? JSON.stringify(SEED_PLATFORM_NEW_CLUSTER)
                  : distinct(mode),
            }),
          },
        ],
      });
    await run(4, 3, 'new'); // warm-up
    for (const [label, mode] of [
      ['one-field edits (live preview), each validated + rendered', 'edit'],
      ['all-new names, every template rendered', 'new'],
      ['one payload, served from the preview cache', 'same'],
    ] as const) {
      const load = await run(8, 15, mode);
      results[
        `preview: ${label} (8 conn, 15 s)`
      ] = `${load.requests.average.toFixed(0)} req/s, latency p50 ${
        load.latency.p50
      } ms, p99 ${load.latency.p99} ms, ${load.non2xx} non-2xx, ${
        load.errors
      } errors`;
    }
  } finally {
    await portal.stop();
  }

  console.log('\nIaC Forge benchmark');
  console.log(
    `  machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(
      0,
    )} GiB, Node ${process.version}`,
  );
  for (const [k, v] of Object.entries(results)) {
    console.log(`  ${k.padEnd(78)} ${v}`);
  }
  console.log(
    '  targets: render p50 < 5 ms; >= 10x fetch:template; preview >= 300 req/s with p99 < 100 ms',
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
