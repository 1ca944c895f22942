/*
 * The secret flow of the charts: tokens entered in a payload never reach a
 * generated file (the engine strips them and hands them back for the
 * repository's secrets); the chart references Secrets by name; a Secret the
 * chart creates gets its value at install time (--set-string from a CI
 * secret) or from an ExternalSecret, and without a value it is left out with
 * a NOTES.txt warning instead of being rendered empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SECRET_FIELDS } from '@iacforge/plugin-iac-common';
import { PLAINTEXT_SECRETS } from './lib/generate';
import { helmMatrix } from './lib/helm/cases';
import {
  helmNotes,
  helmRoot,
  K8sObject,
  renderChart,
  templateChart,
} from './lib/helm/chart';

const ALL_ON = helmMatrix().find(c => c.name === 'basic / all on (hpa)')!;
const SPLUNK = helmMatrix().find(
  c => c.name === 'basic / logs splunk, secret created',
)!;

const TOKENS = [
  'logs.grafanaCloud.auth.token=install-time-grafana-token',
  'telemetry.auth.token=Bearer install-time-otlp-token',
];

function secrets(objects: K8sObject[]): K8sObject[] {
  return objects.filter(
    o => o.kind === 'Secret' || o.kind === 'ExternalSecret',
  );
}

describe('secret flow', () => {
  it('the engine strips every token and returns it for the repository secrets', () => {
    const chart = renderChart(ALL_ON);
    expect(chart.result.secrets.map(s => s.field).sort()).toEqual(
      [
        'helm_context.logs_grafana_cloud_auth_token',
        'helm_context.telemetry_auth_token',
      ].sort(),
    );
    expect(chart.result.secrets.map(s => s.value).sort()).toEqual(
      [PLAINTEXT_SECRETS[0], PLAINTEXT_SECRETS[2]].sort(),
    );
    const helm = chart.result.payload.helm_context as Record<string, unknown>;
    for (const field of SECRET_FIELDS) {
      expect(helm[field.split('.')[1]]).toBeUndefined();
    }
    for (const [file, content] of chart.files) {
      for (const secret of PLAINTEXT_SECRETS) {
        expect({
          file,
          leaks: content.toString('utf8').includes(secret),
        }).toEqual({
          file,
          leaks: false,
        });
      }
    }
    const values = chart.files.get('values.yaml')!.toString('utf8');
    expect(values).toContain('token: ""');
  });

  it('without a token and without a cluster, chart-managed Secrets are left out and NOTES.txt says how to pass them', async () => {
    const chart = renderChart(ALL_ON);
    const objects = await templateChart(chart.files);
    expect(secrets(objects)).toEqual([]);
    const env = objects.find(o => o.kind === 'Deployment')!.spec.template.spec
      .containers[0].env;
    expect(env).toContainEqual({
      name: 'LOGS_GRAFANA_CLOUD_TOKEN',
      valueFrom: {
        secretKeyRef: { name: 'orders-grafana-logs', key: 'token' },
      },
    });
    const notes = await helmNotes(chart.files);
    expect(notes).toContain(
      'orders-grafana-logs (--set-string logs.grafanaCloud.auth.token="$LOGS_GRAFANA_CLOUD_AUTH_TOKEN")',
    );
    expect(notes).toContain(
      'orders-otlp-auth (--set-string telemetry.auth.token="$TELEMETRY_AUTH_TOKEN")',
    );
  });

  it('with the tokens passed at install time, the Secrets are rendered and referenced by name', async () => {
    const chart = renderChart(ALL_ON);
    const objects = await templateChart(chart.files, { set: TOKENS });
    const rendered = secrets(objects);
    expect(
      rendered.map(s => [s.kind, s.metadata.name, Object.keys(s.data)]),
    ).toEqual([
      ['Secret', 'orders-grafana-logs', ['token']],
      ['Secret', 'orders-otlp-auth', ['token']],
    ]);
    expect(Buffer.from(rendered[1].data.token, 'base64').toString()).toBe(
      'Bearer install-time-otlp-token',
    );
    const notes = await helmNotes(chart.files, { set: TOKENS });
    expect(notes).not.toContain('WARNING');
    const splunk = await templateChart(renderChart(SPLUNK).files, {
      set: ['logs.splunk.auth.token=install-time-splunk-token'],
    });
    expect(secrets(splunk).map(s => s.metadata.name)).toEqual([
      'splunk-hec-token',
    ]);
  });

  it('secrets.source=externalSecret renders ExternalSecrets from a secret store instead', async () => {
    const objects = await templateChart(renderChart(ALL_ON).files, {
      set: [
        'secrets.source=externalSecret',
        'secrets.externalSecret.secretStoreRef.name=platform-secrets',
        'telemetry.auth.remoteKey=otlp/orders',
      ],
    });
    const rendered = secrets(objects);
    expect(rendered.map(s => s.kind)).toEqual([
      'ExternalSecret',
      'ExternalSecret',
    ]);
    expect(rendered[1].spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { name: 'platform-secrets', kind: 'ClusterSecretStore' },
      target: { name: 'orders-otlp-auth', creationPolicy: 'Owner' },
      data: [{ secretKey: 'token', remoteRef: { key: 'otlp/orders' } }],
    });
    expect(rendered[0].spec.data[0].remoteRef.key).toBe('orders-grafana-logs');
    await expect(
      templateChart(renderChart(ALL_ON).files, {
        set: ['secrets.source=externalSecret'],
      }),
    ).rejects.toThrow(/secretStoreRef\.name/);
  });

  it('an existing Secret is only referenced (create false), never rendered', async () => {
    const existing = helmMatrix().find(
      c => c.name === 'basic / logs grafana-cloud, existing secret',
    )!;
    const objects = await templateChart(renderChart(existing).files, {
      set: ['logs.grafanaCloud.auth.token=ignored-because-not-created'],
    });
    expect(secrets(objects)).toEqual([]);
  });

  it('a real install without the token fails with a clear required message', () => {
    const helpers = fs.readFileSync(
      path.join(helmRoot, 'basic', 'templates', '_helpers.tpl'),
      'utf8',
    );
    expect(helpers).toContain(
      '%s.token is required because %s.create is true: pass it at install time from a CI secret, e.g. --set-string %s.token=\\"$%s\\" (never commit it to values.yaml), or set secrets.source=externalSecret',
    );
    expect(helpers).toMatch(
      /lookup "v1" "ServiceAccount" \.Release\.Namespace "default"/,
    );
  });
});
