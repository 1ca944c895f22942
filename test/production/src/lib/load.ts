/*
 * The bounded loopback load of the production test: N connections for S
 * seconds of live-preview edits (a distinct payload each request, so every
 * one is validated and rendered), while one render-heavy request after
 * another (?checks=true) and a slow client (a body trickling in, a byte at
 * a time) run against the same replica. Figures only: nothing here is a
 * timing assertion.
 */
import net from 'node:net';
import autocannon from 'autocannon';
import { SEED_PLATFORM_NEW_CLUSTER } from '@iacforge/plugin-iac-common';

export type LoadFigures = {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  status5xx: number;
  non2xx: number;
  errors: number;
  heavy: { done: number; status5xx: number; p95: number };
  slowClientBytes: number;
};

function percentile(samples: number[], p: number): number {
  if (!samples.length) {
    return 0;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** A platform payload with one field changed: a live-preview edit. */
function edit(n: number, prefix: string) {
  const base = SEED_PLATFORM_NEW_CLUSTER;
  return {
    ...base,
    helm_context: {
      ...base.helm_context,
      chart_version: `0.${prefix}.${n}`,
    },
  };
}

/** A client that sends a POST body a byte every 500 ms until stopped. */
function slowClient(baseUrl: string, token: string) {
  const url = new URL(baseUrl);
  const body = JSON.stringify(edit(0, '9'));
  const socket = net.connect(Number(url.port), url.hostname);
  let sent = 0;
  socket.on('error', () => undefined);
  socket.write(
    [
      'POST /api/iac/generate/platform/preview HTTP/1.1',
      `Host: ${url.host}`,
      `Authorization: Bearer ${token}`,
      'Content-Type: application/json',
      `Content-Length: ${body.length}`,
      '',
      '',
    ].join('\r\n'),
  );
  const timer = setInterval(() => {
    if (sent < body.length - 1) {
      socket.write(body[sent++]);
    }
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      socket.destroy();
      return sent;
    },
  };
}

export async function previewLoad(options: {
  baseUrl: string;
  token: string;
  connections: number;
  seconds: number;
}): Promise<LoadFigures> {
  const { baseUrl, token } = options;
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
  };
  // one render-heavy request at a time, for as long as the load runs
  let loading = true;
  const heavyLatencies: number[] = [];
  let heavy5xx = 0;
  const heavyLoop = (async () => {
    for (let n = 0; loading; n++) {
      const started = Date.now();
      const res = await fetch(
        `${baseUrl}/api/iac/generate/platform/preview?checks=true`,
        { method: 'POST', headers, body: JSON.stringify(edit(n, '8')) },
      );
      await res.arrayBuffer();
      heavyLatencies.push(Date.now() - started);
      if (res.status >= 500) {
        heavy5xx++;
      }
    }
  })();
  const slow = slowClient(baseUrl, token);

  const latencies: number[] = [];
  let status5xx = 0;
  let n = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${baseUrl}/api/iac/generate/platform/preview`,
        method: 'POST',
        headers,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (req: any) => ({
              ...req,
              body: JSON.stringify(edit(n++, '1')),
            }),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on(
      'response',
      (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
        latencies.push(ms);
        if (statusCode >= 500) {
          status5xx++;
        }
      },
    );
  });
  loading = false;
  const slowClientBytes = slow.stop();
  await heavyLoop;
  return {
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: Math.max(0, ...latencies),
    status5xx,
    non2xx: result.non2xx,
    errors: result.errors,
    heavy: {
      done: heavyLatencies.length,
      status5xx: heavy5xx,
      p95: percentile(heavyLatencies, 95),
    },
    slowClientBytes,
  };
}
