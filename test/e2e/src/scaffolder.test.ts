/*
 * Every IaC Forge Template through the real scaffolder on the embedded
 * default (REST API, no browser): the task succeeds, the repository can be
 * cloned with git over HTTP and holds the expected tree, that tree passes the
 * full output checks (helm 3 and 4, schemas, HCL, actionlint), and the
 * catalog shows the new entities.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkDirectory, formatFindings } from '@iacforge/output-checks';
import {
  guestToken,
  SharedPortal,
  sharedPortal,
  waitForEntity,
} from './lib/portal';

const exec = promisify(execFile);
jest.setTimeout(20 * 60_000);

type TaskEvent = {
  type: string;
  body: { message?: string; status?: string; output?: any };
};

const common = {
  owner: 'group:default/platform-team',
  repo_owner: 'platform-team',
  governance_enabled: true,
  enable_native_checks: false,
};

const workload = {
  namespace: 'payments',
  image_repository: 'ghcr.io/acme/payments',
  image_tag: '1.4.2',
  replica_count: 2,
  container_port: 8080,
  service_port: 80,
  load_balancer_type: 'ClusterIP',
  // the IacFeatures field's value: helm_context fields of the feature groups
  features: {
    hpa_enabled: true,
    hpa_min_replicas: 2,
    hpa_max_replicas: 6,
    pdb_enabled: true,
    metrics_enabled: true,
  },
};

const CASES: {
  template: string;
  values: Record<string, unknown>;
  component: string;
  expectPaths: string[];
  absentPrefixes: string[];
  resource?: string;
}[] = [
  {
    template: 'iacforge-service-new-cluster',
    values: {
      ...common,
      ...workload,
      cloud: 'gcp',
      region: 'europe-west1',
      project: 'platform',
      environment: 'dev',
      cluster_name: 'ledger-gke',
      gcp_project_id: 'acme-platform-dev',
      node_pool: {
        instance_type: 'e2-standard-4',
        min_size: 1,
        desired_size: 2,
        max_size: 5,
      },
      cluster_autoscaling_enabled: true,
      chart_name: 'ledger',
      addons_enabled: true,
      repo_name: 'ledger-gke',
    },
    component: 'ledger',
    resource: 'ledger-gke',
    expectPaths: [
      'terraform/versions.tf',
      'charts/ledger/Chart.yaml',
      '.github/workflows/infra-plan.yml',
    ],
    absentPrefixes: [],
  },
  {
    template: 'iacforge-service-existing-cluster',
    values: {
      ...common,
      ...workload,
      cloud: 'existing',
      existing_cluster_cloud: 'azure',
      chart_name: 'orders',
      namespace: 'orders',
      repo_name: 'orders',
    },
    component: 'orders',
    expectPaths: [
      'charts/orders/Chart.yaml',
      'charts/orders/values.schema.json',
    ],
    absentPrefixes: ['terraform/'],
  },
  {
    template: 'iacforge-cluster',
    values: {
      ...common,
      cloud: 'aws',
      region: 'eu-west-1',
      project: 'platform',
      environment: 'prod',
      cluster_name: 'platform-eks',
      node_pool: {
        instance_type: 'm6i.large',
        min_size: 2,
        desired_size: 3,
        max_size: 6,
      },
      cluster_autoscaling_enabled: true,
      addons_enabled: true,
      repo_name: 'platform-eks',
    },
    component: 'platform-eks',
    resource: 'platform-eks',
    expectPaths: ['terraform/main.tf', '.github/workflows/infra-apply.yml'],
    absentPrefixes: ['charts/'],
  },
  {
    template: 'iacforge-gitops-service',
    values: {
      ...common,
      ...workload,
      cloud: 'existing',
      existing_cluster_cloud: 'aws',
      chart_name: 'checkout',
      namespace: 'checkout',
      canary_enabled: true,
      repo_name: 'checkout',
    },
    component: 'checkout',
    expectPaths: ['charts/checkout/Chart.yaml'],
    absentPrefixes: ['terraform/'],
  },
];

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    if (e.name === '.git') return [];
    const full = path.join(dir, e.name);
    return e.isDirectory()
      ? listFiles(full, base)
      : [path.relative(base, full)];
  });
}

describe('IaC Forge templates through the scaffolder', () => {
  const portal: SharedPortal = sharedPortal();
  const gitDir = portal.gitDir;
  let token: string;
  const durations: Record<string, number> = {};

  beforeAll(async () => {
    token = await guestToken(portal.baseUrl);
    for (const c of CASES) {
      await waitForEntity(portal.baseUrl, {
        kind: 'template',
        name: c.template,
      });
    }
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`task durations (s): ${JSON.stringify(durations)}`);
  });

  async function api(method: string, url: string, body?: unknown) {
    const res = await fetch(`${portal.baseUrl}${url}`, {
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
    return text ? JSON.parse(text) : undefined;
  }

  async function runTask(template: string, values: Record<string, unknown>) {
    const started = Date.now();
    const { id } = await api('POST', '/api/scaffolder/v2/tasks', {
      templateRef: `template:default/${template}`,
      values,
    });
    for (;;) {
      const task = await api('GET', `/api/scaffolder/v2/tasks/${id}`);
      if (
        task.status === 'completed' ||
        task.status === 'failed' ||
        task.status === 'cancelled'
      ) {
        const events: TaskEvent[] = await api(
          'GET',
          `/api/scaffolder/v2/tasks/${id}/events`,
        );
        durations[template] = (Date.now() - started) / 1000;
        if (task.status !== 'completed') {
          const log = events
            .filter(e => e.type === 'log')
            .map(e => e.body.message)
            .join('\n');
          throw new Error(
            `task ${template} ${task.status}:\n${log.slice(-6000)}`,
          );
        }
        return events.find(e => e.type === 'completion')!.body.output;
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  it.each(CASES.map(c => [c.template, c] as const))(
    '%s creates a clonable, valid, registered repository',
    async (_name, c) => {
      const output = await runTask(c.template, c.values);
      const cloneUrl = `${portal.baseUrl}/api/iac/git/platform-team/${c.values.repo_name}.git`;
      const dest = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-e2e-clone-')),
        'repo',
      );
      await exec('git', ['clone', '--quiet', cloneUrl, dest], {
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      });
      const files = listFiles(dest);
      for (const p of [
        ...c.expectPaths,
        'catalog-info.yaml',
        '.iacforge/answers.json',
      ]) {
        expect(files).toContain(p);
      }
      for (const prefix of c.absentPrefixes) {
        expect(files.filter(f => f.startsWith(prefix))).toEqual([]);
      }
      const report = await checkDirectory(dest, {
        ignoreDirectories: ['.git'],
      });
      expect(formatFindings(report.findings)).toBe('');
      expect(report.ok).toBe(true);

      const entity = (await waitForEntity(portal.baseUrl, {
        kind: 'component',
        name: c.component,
      })) as {
        metadata: { annotations: Record<string, string> };
      };
      expect(entity.metadata.annotations['backstage.io/source-template']).toBe(
        `template:default/${c.template}`,
      );
      // kind/name@version of every template tree that rendered the repository
      expect(entity.metadata.annotations['iacforge.io/templates']).toMatch(
        /^[a-z]+\/[a-z0-9-]+@\d+\.\d+\.\d+(,[a-z]+\/[a-z0-9-]+@\d+\.\d+\.\d+)*$/,
      );
      if (c.resource) {
        await waitForEntity(portal.baseUrl, {
          kind: 'resource',
          name: c.resource,
        });
      }
      expect(output.links.length).toBeGreaterThan(0);
      fs.rmSync(path.dirname(dest), { recursive: true, force: true });
    },
  );

  it('fails a task with a clear message for bad input, publishing nothing', async () => {
    const bad = {
      ...CASES[1].values,
      image_tag: 'latest',
      repo_name: 'bad-input',
    };
    await expect(
      runTask('iacforge-service-existing-cluster', bad),
    ).rejects.toThrow(/helm_context.image_tag/);
    expect(
      fs.existsSync(path.join(gitDir, 'platform-team', 'bad-input.git')),
    ).toBe(false);
  });
});
