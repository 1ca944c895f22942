/*
 * The production profile, for real: a throwaway PostgreSQL cluster, two
 * backend replicas on it (app-config.production.yaml without GitHub, one
 * shared git folder and scaffolder working directory) behind a loopback
 * load balancer, and:
 *
 *  - 20 tasks at once, created on both replicas, claimed by either: all
 *    complete, every repository holds its own chart, one catalog location
 *    each;
 *  - the portal's policy on a real permission backend: publishing under an
 *    owner the user does not belong to fails the task with a message;
 *  - 50 connections x 60 s of live-preview edits on one replica while
 *    checked previews and a slow client run: p95, 5xx, memory (printed);
 *  - SIGKILL of the replica running a task: the other replica recovers it
 *    (Backstage's task recovery), one repository, one catalog location,
 *    never left "processing".
 */
/* eslint-disable no-console */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  guestToken,
  repoRoot,
} from '@iacforge/e2e-tests/src/lib/portal';
import { previewLoad } from './lib/load';
import { Postgres, startPostgres } from './lib/postgres';
import {
  Replica,
  Shared,
  startLoadBalancer,
  startReplica,
} from './lib/replicas';

jest.setTimeout(20 * 60_000);

type Task = { id: string; status: string };
type TaskEvent = {
  type: string;
  body: { message?: string; status?: string; stepId?: string };
};

const LOAD_SECONDS = Number(process.env.IACFORGE_LOAD_SECONDS ?? 60);
const LOAD_CONNECTIONS = Number(process.env.IACFORGE_LOAD_CONNECTIONS ?? 50);
const resultsDir = path.join(repoRoot, 'test-results', 'production');
const figures: Record<string, unknown> = {};

let postgres: Postgres;
let balancer: Awaited<ReturnType<typeof startLoadBalancer>>;
let shared: Shared;
let a: Replica;
let b: Replica;
let token: string;

async function api<T = any>(
  base: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) {
    throw new Error(`${method} ${url}: ${res.status} ${text}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

async function createTask(
  base: string,
  values: { name: string; repo_owner?: string; wait?: number },
): Promise<string> {
  const { id } = await api<{ id: string }>(
    base,
    'POST',
    '/api/scaffolder/v2/tasks',
    {
      templateRef: 'template:default/iacforge-production-test',
      values: { repo_owner: 'guest', wait: 0, ...values },
    },
  );
  return id;
}

async function events(id: string): Promise<TaskEvent[]> {
  return api(shared.baseUrl, 'GET', `/api/scaffolder/v2/tasks/${id}/events`);
}

/** Polls until the task is no longer open or processing. */
async function settled(id: string, timeoutMs = 240_000): Promise<Task> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await api<Task>(
      shared.baseUrl,
      'GET',
      `/api/scaffolder/v2/tasks/${id}`,
    );
    if (!['open', 'processing'].includes(task.status)) {
      return task;
    }
    if (Date.now() > deadline) {
      return task;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

function logOf(list: TaskEvent[]): string {
  return list
    .filter(e => e.type === 'log')
    .map(e => e.body.message)
    .join('\n');
}

/** The replicas that started running the task (the scaffolder's audit log). */
function ranOn(id: string, replicas: Replica[]): string[] {
  return replicas
    .filter(r =>
      r
        .log()
        .split('\n')
        .some(
          line =>
            line.includes('"actionType":"execution"') &&
            line.includes('"status":"initiated"') &&
            line.includes(`"taskId":"${id}"`),
        ),
    )
    .map(r => r.name);
}

/** `name: orders` or `name: "orders"` in a Chart.yaml. */
const chartNamed = (name: string) => new RegExp(`^name: "?${name}"?$`, 'm');

function git(...args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8' }).trim();
}

/** Catalog locations whose target is this repository's catalog-info.yaml. */
async function locationsOf(repo: string): Promise<string[]> {
  const all = await api<Array<{ data: { target: string } }>>(
    shared.baseUrl,
    'GET',
    '/api/catalog/locations',
  );
  return all
    .map(l => l.data.target)
    .filter(t => t.includes(`/api/iac/git/guest/${repo}/`));
}

const rssMiB = (r: Replica) => Math.round(r.rssKiB() / 1024);

beforeAll(async () => {
  const started = Date.now();
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  postgres = await startPostgres();
  const port = await freePort();
  balancer = await startLoadBalancer(port);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-production-'));
  shared = {
    baseUrl: `http://127.0.0.1:${port}`,
    postgres,
    gitDir: path.join(dir, 'git'),
    workDir: path.join(dir, 'work'),
    resultsDir,
  };
  fs.mkdirSync(shared.workDir);
  // the first replica creates the databases and runs the migrations
  a = await startReplica('a', shared);
  b = await startReplica('b', shared);
  balancer.add(a);
  balancer.add(b);
  token = await guestToken(shared.baseUrl);
  figures['startup (PostgreSQL + two replicas), s'] = Math.round(
    (Date.now() - started) / 1000,
  );
});

afterAll(async () => {
  await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
  await balancer?.close();
  postgres?.stop();
  fs.writeFileSync(
    path.join(resultsDir, 'figures.json'),
    `${JSON.stringify(figures, null, 2)}\n`,
  );
  console.log(
    `\nproduction profile figures (test-results/production/figures.json):\n${Object.entries(
      figures,
    )
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
      .join('\n')}`,
  );
});

describe('production profile: PostgreSQL, two replicas', () => {
  it('20 tasks at once, created on both replicas, claimed by either: every repository correct, one catalog location each', async () => {
    await waitForTemplate();
    const started = Date.now();
    const names = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    const ids = await Promise.all(
      names.map((name, i) => createTask(i % 2 ? b.url : a.url, { name })),
    );
    const tasks = await Promise.all(ids.map(id => settled(id)));
    figures['20 tasks at once, s'] = Math.round((Date.now() - started) / 1000);
    for (const [i, task] of tasks.entries()) {
      if (task.status !== 'completed') {
        throw new Error(
          `task ${names[i]} ${task.status}:\n${logOf(await events(task.id))}`,
        );
      }
    }
    expect(tasks.map(t => t.status)).toEqual(names.map(() => 'completed'));
    const runners = ids.map(id => ranOn(id, [a, b]));
    // each task ran on exactly one replica (no double claim)
    expect(runners.every(r => r.length === 1)).toBe(true);
    const onA = runners.filter(r => r[0] === 'a').length;
    figures['20 tasks: ran on a / b'] = `${onA} / ${20 - onA}`;
    figures['20 tasks: created on one replica, ran on the other'] =
      runners.filter((r, i) => r[0] !== (i % 2 ? 'b' : 'a')).length;
    expect(onA).toBeGreaterThan(0);
    expect(20 - onA).toBeGreaterThan(0);
    for (const name of names) {
      const bare = path.join(shared.gitDir, 'guest', `${name}.git`);
      expect(git('--git-dir', bare, 'rev-list', '--count', 'main')).toBe('1');
      const chart = git(
        '--git-dir',
        bare,
        'show',
        `main:charts/${name}/Chart.yaml`,
      );
      expect(chart).toMatch(chartNamed(name));
      const answers = JSON.parse(
        git('--git-dir', bare, 'show', 'main:.iacforge/answers.json'),
      );
      expect(JSON.stringify(answers)).toContain(`"chart_name":"${name}"`);
      expect(await locationsOf(name)).toHaveLength(1);
    }
  });

  it('the portal policy: publishing under an owner the user does not belong to fails the task with a message', async () => {
    const id = await createTask(shared.baseUrl, {
      name: 'not-mine',
      repo_owner: 'payments-team',
    });
    const task = await settled(id);
    expect(task.status).toBe('failed');
    expect(logOf(await events(id))).toContain(
      'You are not allowed to publish a repository under the owner "payments-team" (localhost/payments-team/not-mine): the permission policy denied iac.publish.',
    );
    expect(fs.existsSync(path.join(shared.gitDir, 'payments-team'))).toBe(
      false,
    );
  });

  it(`${LOAD_CONNECTIONS} connections x ${LOAD_SECONDS} s of preview edits with checked previews and a slow client: no 5xx, figures printed`, async () => {
    const before = rssMiB(b);
    const load = await previewLoad({
      baseUrl: b.url,
      token,
      connections: LOAD_CONNECTIONS,
      seconds: LOAD_SECONDS,
    });
    // let the collector run before reading the memory after
    await new Promise(r => setTimeout(r, 2000));
    const after = rssMiB(b);
    figures[`preview load (${LOAD_CONNECTIONS} conn x ${LOAD_SECONDS} s)`] = {
      requests: load.requests,
      'p50 ms': load.p50,
      'p95 ms': load.p95,
      'p99 ms': load.p99,
      'max ms': load.max,
      '5xx': load.status5xx,
      non2xx: load.non2xx,
      errors: load.errors,
      'checked previews done': load.heavy.done,
      'checked previews p95 ms': load.heavy.p95,
      'slow client bytes sent': load.slowClientBytes,
      'replica RSS before MiB': before,
      'replica RSS after MiB': after,
    };
    expect(load.requests).toBeGreaterThan(0);
    expect(load.status5xx).toBe(0);
    expect(load.non2xx).toBe(0);
    expect(load.heavy.done).toBeGreaterThan(0);
    expect(load.heavy.status5xx).toBe(0);
  });

  it('SIGKILL of the replica running a task: the other one recovers it; one repository, one catalog location', async () => {
    const name = 'recovered-task';
    // created on a: a's own dispatch wakes a's worker, which claims it
    const id = await createTask(a.url, { name, wait: 12 });
    const deadline = Date.now() + 60_000;
    while (
      !(await events(id)).some(
        e => e.body.stepId === 'wait' && e.body.status === 'processing',
      )
    ) {
      if (Date.now() > deadline) {
        throw new Error(`task ${id} never reached its wait step`);
      }
      await new Promise(r => setTimeout(r, 300));
    }
    const victim = ranOn(id, [a, b])[0] === 'b' ? b : a;
    const survivor = victim === a ? b : a;
    const killedAt = Date.now();
    await victim.kill('SIGKILL');
    const task = await settled(id);
    const list = await events(id);
    figures['killed replica'] = victim.name;
    figures['task after SIGKILL'] = task.status;
    figures['recovered after SIGKILL, s'] = Math.round(
      (Date.now() - killedAt) / 1000,
    );
    if (task.status !== 'completed') {
      throw new Error(`task ${task.status}:\n${logOf(list)}`);
    }
    expect(list.some(e => e.type === 'recovered')).toBe(true);
    expect(ranOn(id, [survivor])).toEqual([survivor.name]);
    const bare = path.join(shared.gitDir, 'guest', `${name}.git`);
    expect(git('--git-dir', bare, 'rev-list', '--count', 'main')).toBe('1');
    expect(
      git('--git-dir', bare, 'show', `main:charts/${name}/Chart.yaml`),
    ).toMatch(chartNamed(name));
    expect(
      fs
        .readdirSync(path.join(shared.gitDir, 'guest'))
        .filter(f => f.includes(name)),
    ).toEqual([`${name}.git`]);
    expect(await locationsOf(name)).toHaveLength(1);
    figures['tasks recovered / failed after SIGKILL'] = '1 / 0';
  });
});

/** The test Template reaches the catalog asynchronously. */
async function waitForTemplate() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await fetch(
      `${shared.baseUrl}/api/catalog/entities/by-name/template/default/iacforge-production-test`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (res.ok) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error('the test Template never reached the catalog');
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}
