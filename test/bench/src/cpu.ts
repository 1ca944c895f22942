/*
 * yarn bench:cpu: CPU time per preview request of the running portal, by
 * thread (the HTTP thread, the preview workers, the rest: garbage collector,
 * libuv), measured from /proc, so it holds on a machine others share (wall
 * clock does not). Equal work: a fixed number of distinct live-preview edits
 * (each one validated and rendered, as in the production load), sent by
 * IACFORGE_BENCH_CONNECTIONS closed-loop clients. Figures only, never
 * asserted.
 *
 * With a 2-core machine and 50 clients, p95 < 500 ms needs the whole
 * per-request CPU (HTTP thread + worker) well under 10 ms: this is the
 * figure to watch.
 *
 * IACFORGE_BENCH_PROFILE=<dir> writes V8 CPU profiles of the backend's
 * threads there (node --cpu-prof), for chrome://inspect or speedscope.
 */
/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { SEED_PLATFORM_NEW_CLUSTER } from '@iacforge/plugin-iac-common';
import { guestToken, startPortal } from '@iacforge/e2e-tests/src/lib/portal';

const REQUESTS = Number(process.env.IACFORGE_BENCH_REQUESTS ?? 3000);
const CONNECTIONS = Number(process.env.IACFORGE_BENCH_CONNECTIONS ?? 50);
const WORKERS = Number(process.env.IACFORGE_BENCH_WORKERS ?? 2);
const PROFILE = process.env.IACFORGE_BENCH_PROFILE;
const TICK_MS = 1000 / 100; // USER_HZ: /proc reports CPU time in 1/100 s

/** CPU milliseconds of each thread of a process, by thread id. */
function threadCpu(pid: number): Map<number, { name: string; ms: number }> {
  const out = new Map<number, { name: string; ms: number }>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // fields after the ")" closing the name: state is field 3, utime 14
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      const name = fs
        .readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8')
        .trim();
      out.set(Number(tid), { name, ms });
    } catch {
      // the thread ended between readdir and read
    }
  }
  return out;
}

/** CPU ms spent between two snapshots: HTTP thread, preview workers, rest. */
function cpuSpent(
  pid: number,
  before: ReturnType<typeof threadCpu>,
  after: ReturnType<typeof threadCpu>,
) {
  const spent = { http: 0, workers: 0, other: 0 };
  const others = new Map<string, number>();
  for (const [tid, { name, ms }] of after) {
    const delta = ms - (before.get(tid)?.ms ?? 0);
    if (tid === pid) {
      spent.http += delta;
    } else if (name.startsWith('iac-preview')) {
      spent.workers += delta;
    } else {
      spent.other += delta;
      others.set(name, (others.get(name) ?? 0) + delta);
    }
  }
  return { ...spent, others };
}

const edit = (n: number) => ({
  ...SEED_PLATFORM_NEW_CLUSTER,
  helm_context: {
    ...SEED_PLATFORM_NEW_CLUSTER.helm_context,
    chart_version: `0.1.${n}`,
  },
});

async function main() {
  if (PROFILE) {
    fs.mkdirSync(PROFILE, { recursive: true });
  }
  const portal = await startPortal({
    // production mode, as the production load runs it (JSON logs)
    extraConfig: [
      'auth:',
      '  providers:',
      '    guest:',
      '      dangerouslyAllowOutsideDevelopment: true',
      'iac:',
      '  preview:',
      `    workers: ${WORKERS}`,
    ].join('\n'),
    env: {
      NODE_ENV: 'production',
      ...(PROFILE
        ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${PROFILE}` }
        : {}),
    },
  });
  try {
    const token = await guestToken(portal.baseUrl);
    let n = 0;
    const run = (amount: number) =>
      autocannon({
        url: `${portal.baseUrl}/api/iac/generate/platform/preview`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        },
        connections: CONNECTIONS,
        amount,
        requests: [
          {
            method: 'POST',
            setupRequest: (req: any) => ({
              ...req,
              body: JSON.stringify(edit(n++)),
            }),
          },
        ],
      });
    await run(Math.min(500, REQUESTS)); // warm-up: JIT, worker start
    const load = os.loadavg()[0];
    const before = threadCpu(portal.pid);
    const started = Date.now();
    const result = await run(REQUESTS);
    const seconds = (Date.now() - started) / 1000;
    const spent = cpuSpent(portal.pid, before, threadCpu(portal.pid));
    const done = result.requests.total;
    const per = (ms: number) => `${(ms / done).toFixed(2)} ms`;
    const total = spent.http + spent.workers + spent.other;
    console.log('\nIaC Forge preview CPU per request');
    console.log(
      `  machine: ${os.cpus().length} cores, load average ${load.toFixed(
        2,
      )} before the run, Node ${process.version}`,
    );
    console.log(
      `  ${done} distinct platform previews (${(
        result.throughput.total /
        done /
        1024
      ).toFixed(
        0,
      )} KiB each), ${CONNECTIONS} connections, ${WORKERS} preview workers`,
    );
    console.log(
      `  CPU per request: total ${per(total)} = HTTP thread ${per(
        spent.http,
      )} + preview workers ${per(spent.workers)} + other threads ${per(
        spent.other,
      )}`,
    );
    console.log(
      `  other threads, by name: ${[...spent.others]
        .filter(([, ms]) => ms > 0)
        .sort((x, y) => y[1] - x[1])
        .map(([name, ms]) => `${name} ${per(ms)}`)
        .join(', ')}`,
    );
    console.log(
      `  wall clock (noisy on a shared machine): ${(done / seconds).toFixed(
        0,
      )} req/s, p50 ${result.latency.p50} ms, p97.5 ${
        result.latency.p97_5
      } ms, p99 ${result.latency.p99} ms; ${result.non2xx} non-2xx, ${
        result.errors
      } errors`,
    );
    console.log(
      `  bound: ${os.cpus().length} cores / ${(total / done).toFixed(
        2,
      )} ms = ${((os.cpus().length * 1000 * done) / total).toFixed(
        0,
      )} req/s at most`,
    );
  } finally {
    await portal.stop();
  }
  if (PROFILE) {
    console.log(
      `  CPU profiles: ${fs
        .readdirSync(PROFILE)
        .map(f => path.join(PROFILE, f))
        .join(', ')}`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
