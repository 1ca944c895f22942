/*
 * yarn bench: prints the engine's speed figures (never asserted in tests).
 *
 *  1. render time of the generator spec's platform payloads, in-process (p50 / p99)
 *  2. ZIP time of the same output
 *  3. equal work in one run: IaC Forge generate + write vs Backstage's
 *     built-in fetch:template, both writing the same bytes into a fresh
 *     workspace (checked byte for byte): ratio
 *     (`yarn bench --no-portal` stops here)
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
import {
  createZip,
  IacEngine,
  requireGenerated,
  shippedTemplateRoot,
  writeFiles,
} from '@iacforge/plugin-iac-node';
import { guestToken, startPortal } from '@iacforge/e2e-tests/src/lib/portal';

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
  const engine = IacEngine.fromRoots([shippedTemplateRoot()]);
  const results: Record<string, string> = {};

  for (const [name, payload] of [
    ['platform (new aws cluster)', SEED_PLATFORM_NEW_CLUSTER],
    ['platform (existing gcp cluster)', SEED_PLATFORM_EXISTING_CLUSTER],
  ] as const) {
    await time(20, () =>
      requireGenerated(engine.generate('platform', payload)),
    );
    const samples = await time(300, () =>
      requireGenerated(engine.generate('platform', payload)),
    );
    const files = requireGenerated(engine.generate('platform', payload)).files;
    const bytes = files.reduce((s, f) => s + f.content.length, 0);
    results[`render ${name}`] = `p50 ${fmt(percentile(samples, 50))}, p99 ${fmt(
      percentile(samples, 99),
    )} (${files.length} files, ${(bytes / 1024).toFixed(1)} KiB)`;
  }

  const result = requireGenerated(
    engine.generate('platform', SEED_PLATFORM_NEW_CLUSTER),
  );
  const zipSamples = await time(30, () => createZip(result.files));
  results['zip platform (new aws cluster)'] = `p50 ${fmt(
    percentile(zipSamples, 50),
  )}, p99 ${fmt(percentile(zipSamples, 99))}`;

  // Equal work, one run: both sides produce the same bytes in a fresh
  // workspace. IaC Forge: render the payload + write the files. fetch:template:
  // read a template tree holding those same bytes, render it, write it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-bench-'));
  const content = path.join(dir, 'content');
  const foreign = /\$\{\{|\{\{|\{%|\{#/;
  for (const f of result.files) {
    const target = path.join(content, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.content, { mode: f.mode ?? 0o644 });
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
  const fetchInto = async (workspacePath: string) => {
    await fetchTemplate.handler({
      input: {
        url: './content',
        values: { name: 'payments' },
        // files holding another template syntax (Helm, Actions) are copied
        copyWithoutTemplating: result.files
          .filter(f => foreign.test(f.content.toString('utf8')))
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
  };
  const engineInto = async (workspacePath: string) => {
    const generated = requireGenerated(
      engine.generate('platform', SEED_PLATFORM_NEW_CLUSTER),
    );
    await writeFiles(workspacePath, generated.files);
  };
  const fresh = () => fs.mkdtempSync(path.join(dir, 'ws-'));

  // the same bytes on both sides, or the comparison means nothing
  const a = fresh();
  const b = fresh();
  await fetchInto(a);
  await engineInto(b);
  const differing = treeDifferences(a, b);
  if (differing.length > 0) {
    throw new Error(
      `fetch:template and the engine wrote different trees: ${differing
        .slice(0, 5)
        .join(', ')}`,
    );
  }
  const treeBytes = result.files.reduce((n, f) => n + f.content.length, 0);

  // interleaved pairs, so both see the same machine state; 5 warm-up pairs
  const fetchSamples: number[] = [];
  const engineSamples: number[] = [];
  for (let i = 0; i < 30; i++) {
    for (const [fn, samples] of [
      [fetchInto, fetchSamples],
      [engineInto, engineSamples],
    ] as const) {
      const ws = fresh();
      const start = process.hrtime.bigint();
      await fn(ws);
      if (i >= 5) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      fs.rmSync(ws, { recursive: true, force: true });
    }
  }
  const fetchP50 = percentile(fetchSamples, 50);
  const engineP50 = percentile(engineSamples, 50);
  results[
    `equal work: ${result.files.length} files, ${(treeBytes / 1024).toFixed(
      1,
    )} KiB into a fresh workspace`
  ] = `fetch:template p50 ${fmt(
    fetchP50,
  )}, IaC Forge generate + write p50 ${fmt(engineP50)}: ratio ${(
    fetchP50 / engineP50
  ).toFixed(1)}x`;
  fs.rmSync(dir, { recursive: true, force: true });

  if (process.argv.includes('--no-portal')) {
    print(results);
    return;
  }

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

  print(results);
}

function print(results: Record<string, string>) {
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
    '  targets: render p50 < 5 ms; >= 10x fetch:template on equal work; preview >= 300 req/s with p99 < 100 ms',
  );
}

/** Relative paths whose bytes or mode differ between two folders. */
function treeDifferences(a: string, b: string): string[] {
  const list = (root: string): string[] =>
    (fs.readdirSync(root, { recursive: true }) as string[])
      .filter(p => fs.statSync(path.join(root, p)).isFile())
      .sort();
  const left = list(a);
  const right = list(b);
  const differing = new Set<string>();
  for (const p of new Set([...left, ...right])) {
    const x = path.join(a, p);
    const y = path.join(b, p);
    if (!fs.existsSync(x) || !fs.existsSync(y)) {
      differing.add(`${p} (only on one side)`);
    } else if (!fs.readFileSync(x).equals(fs.readFileSync(y))) {
      differing.add(`${p} (bytes)`);
    }
  }
  return [...differing];
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
