/*
 * yarn bench:heavy: plain preview latency while checked previews
 * (?checks=true) and ZIP downloads run, before and after they moved off the
 * HTTP thread (issue 14, item 9). "before": every render on the HTTP thread
 * (iac.preview.workers 0, heavyWorkers 0); "after": the defaults (plain
 * previews in one worker, checked previews and downloads in another at nice
 * 10, at most 2 at once). Figures only, never asserted.
 */
/* eslint-disable no-console */
import autocannon from 'autocannon';
import { SEED_PLATFORM_NEW_CLUSTER } from '@iacforge/plugin-iac-common';
import { guestToken, startPortal } from '@iacforge/e2e-tests/src/lib/portal';

const CONNECTIONS = Number(process.env.IACFORGE_BENCH_CONNECTIONS ?? 8);
const SECONDS = Number(process.env.IACFORGE_BENCH_SECONDS ?? 15);
const HEAVY = Number(process.env.IACFORGE_BENCH_HEAVY ?? 4);

const edit = (n: number, prefix: string) => ({
  ...SEED_PLATFORM_NEW_CLUSTER,
  helm_context: {
    ...SEED_PLATFORM_NEW_CLUSTER.helm_context,
    chart_version: `0.${prefix}.${n}`,
  },
});

async function measure(label: string, extraConfig: string) {
  const portal = await startPortal({ extraConfig });
  try {
    const token = await guestToken(portal.baseUrl);
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    };
    let loading = true;
    let heavyDone = 0;
    // HEAVY clients, each one checked preview or download after another
    const heavy = Array.from({ length: HEAVY }, async (_, c) => {
      for (let n = 0; loading; n++) {
        const route = c % 2 ? 'download' : 'preview?checks=true';
        const res = await fetch(
          `${portal.baseUrl}/api/iac/generate/platform/${route}`,
          {
            method: 'POST',
            headers,
            body: JSON.stringify(edit(n, `${c + 5}`)),
          },
        );
        await res.arrayBuffer();
        heavyDone++;
      }
    });
    let n = 0;
    const result = await autocannon({
      url: `${portal.baseUrl}/api/iac/generate/platform/preview`,
      method: 'POST',
      headers,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          setupRequest: (req: any) => ({
            ...req,
            body: JSON.stringify(edit(n++, '1')),
          }),
        },
      ],
    });
    loading = false;
    await Promise.all(heavy);
    console.log(
      `  ${label.padEnd(44)} plain previews ${result.requests.average.toFixed(
        0,
      )} req/s, p50 ${result.latency.p50} ms, p90 ${
        result.latency.p90
      } ms, p99 ${result.latency.p99} ms, ${
        result.non2xx
      } non-2xx; ${heavyDone} checked previews + downloads`,
    );
  } finally {
    await portal.stop();
  }
}

async function main() {
  console.log(
    `\nplain previews (${CONNECTIONS} conn x ${SECONDS} s) while ${HEAVY} clients run checked previews and downloads`,
  );
  await measure(
    'before: everything on the HTTP thread',
    'iac:\n  preview:\n    workers: 0\n    heavyWorkers: 0\n',
  );
  await measure('after: worker threads, heavy ones bounded', '');
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
