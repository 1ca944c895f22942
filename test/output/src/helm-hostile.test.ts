/*
 * Hostile strings in helm_context fields: each is either rejected with a
 * PayloadValidationError naming the field (without echoing the value), or
 * accepted and then inert: it reaches values.yaml as data (YAML-serialized)
 * and the rendered manifests verbatim, never as template source for the
 * engine, Helm, GitHub Actions or the shell, and never expanded by
 * Kubernetes.
 */
import {
  PayloadValidationError,
  requireGenerated,
} from '@iacforge/plugin-iac-node';
import { BASE_CONTEXT } from './lib/helm/cases';
import {
  getHelmEngine,
  readValues,
  renderChart,
  templateChart,
} from './lib/helm/chart';

const HOSTILE = [
  '{{ .Release.Name }}',
  '{{- fail "x" -}}',
  '${{ secrets.GITHUB_TOKEN }}',
  '{% include "/etc/passwd" %}',
  '{# comment #}',
  '{## comment ##}',
  '${jndi:ldap://x}',
  '%{ if true }x%{ endif }',
  'quote " inside',
  "it's",
  'back`tick',
  'back\\slash',
  'line\nbreak',
  'carriage\rreturn',
  'tab\there',
  'nul\u0000byte',
  'line\u2028separator',
  'bidi\u202eoverride',
  '../../etc/passwd',
  '..%2f..%2fetc',
  '{= helm_context.chart_name | yaml =}',
  '$(LOGS_GRAFANA_CLOUD_TOKEN)',
  '*alias &anchor !!binary',
  '- item: [a, b]',
  '# comment',
];

type Field = {
  /** Path of the issue a rejection must name. */
  path: string;
  /** helm_context with the hostile value in place. */
  context: (value: string) => Record<string, unknown>;
  /** Where an accepted value shows up in the rendered objects. */
  rendered?: (objects: any[]) => unknown;
  /** Where an accepted value shows up in values.yaml. */
  inValues?: (values: any) => unknown;
};

const deployment = (objects: any[]) =>
  objects.find(o => o.kind === 'Deployment');

const FIELDS: Field[] = [
  { path: 'helm_context.chart_name', context: v => ({ chart_name: v }) },
  { path: 'helm_context.namespace', context: v => ({ namespace: v }) },
  {
    path: 'helm_context.image_repository',
    context: v => ({ image_repository: v }),
  },
  { path: 'helm_context.image_tag', context: v => ({ image_tag: v }) },
  { path: 'helm_context.app_version', context: v => ({ app_version: v }) },
  {
    path: 'helm_context.env[0].value',
    context: v => ({ env: [{ name: 'HOSTILE', value: v }] }),
    inValues: values => values.env[0].value,
    rendered: objects =>
      deployment(objects).spec.template.spec.containers[0].env[0].value.replace(
        '$$(',
        '$(',
      ),
  },
  {
    path: 'helm_context.env[0].name',
    context: v => ({ env: [{ name: v, value: 'x' }] }),
  },
  {
    path: 'helm_context.service_account_annotations["example.com/note"]',
    context: v => ({ service_account_annotations: { 'example.com/note': v } }),
    inValues: values => values.serviceAccount.annotations['example.com/note'],
    rendered: objects =>
      objects.find(o => o.kind === 'ServiceAccount').metadata.annotations[
        'example.com/note'
      ],
  },
  {
    path: 'helm_context.ingress_annotations["example.com/note"]',
    context: v => ({
      ingress_enabled: true,
      ingress_host: 'orders.example.com',
      ingress_annotations: { 'example.com/note': v },
    }),
    inValues: values => values.ingress.annotations['example.com/note'],
    rendered: objects =>
      objects.find(o => o.kind === 'Ingress').metadata.annotations[
        'example.com/note'
      ],
  },
  {
    path: 'helm_context.keda_query',
    context: v => ({ keda_enabled: true, keda_query: v }),
    inValues: values => values.autoscaling.keda.prometheus.query,
    rendered: objects =>
      objects.find(o => o.kind === 'ScaledObject').spec.triggers[0].metadata
        .query,
  },
  {
    path: 'helm_context.ingress_host',
    context: v => ({ ingress_enabled: true, ingress_host: v }),
  },
  {
    path: 'helm_context.istio_egress_host',
    context: v => ({
      istio_enabled: true,
      istio_egress_enabled: true,
      istio_egress_host: v,
    }),
  },
  {
    path: 'helm_context.liveness_probe_path',
    context: v => ({ liveness_probe_path: v }),
  },
  {
    path: 'helm_context.logs_grafana_cloud_logs_url',
    context: v => ({
      logs_enabled: true,
      logs_provider: 'grafana-cloud',
      logs_grafana_cloud_logs_url: v,
      logs_grafana_cloud_auth_secret_name: 'x',
    }),
  },
  {
    path: 'helm_context.image_pull_secrets[0]',
    context: v => ({ image_pull_secrets: [v] }),
  },
  {
    path: 'helm_context.audit_policy_version',
    context: v => ({ audit_policy_version: v }),
  },
];

function generate(context: Record<string, unknown>) {
  return requireGenerated(
    getHelmEngine().generate('helm', {
      cloud: 'aws',
      helm_context: { ...BASE_CONTEXT, ...context },
    }),
  );
}

describe('hostile strings in helm_context', () => {
  const accepted: Array<{ field: Field; value: string }> = [];

  it.each(FIELDS.map(f => [f.path, f] as const))(
    '%s: every hostile string is rejected with the field path, or inert',
    (_path, field) => {
      const problems: string[] = [];
      for (const value of HOSTILE) {
        let error: unknown;
        try {
          generate(field.context(value));
        } catch (e) {
          error = e;
        }
        if (!error) {
          if (!field.inValues)
            problems.push(
              `${JSON.stringify(
                value,
              )}: accepted by a field without an inertness check`,
            );
          accepted.push({ field, value });
        } else if (!(error instanceof PayloadValidationError)) {
          problems.push(`${JSON.stringify(value)}: ${String(error)}`);
        } else {
          const { issues } = error;
          if (!issues.some(i => i.path === field.path)) {
            problems.push(
              `${JSON.stringify(value)}: no issue at ${field.path} (${issues
                .map(i => i.path)
                .join(', ')})`,
            );
          }
          for (const issue of issues) {
            if (issue.message.length < 10)
              problems.push(
                `${JSON.stringify(value)}: terse message "${issue.message}"`,
              );
            if (value.length > 3 && issue.message.includes(value)) {
              problems.push(
                `${JSON.stringify(value)}: the message echoes the value`,
              );
            }
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('accepted hostile strings stay data: values.yaml and the manifests hold them verbatim', async () => {
    expect(accepted.length).toBeGreaterThan(0);
    // only fields whose grammar allows them accept template-like or quoted text
    expect(new Set(accepted.map(a => a.field.path))).toEqual(
      new Set([
        'helm_context.env[0].value',
        'helm_context.service_account_annotations["example.com/note"]',
        'helm_context.ingress_annotations["example.com/note"]',
        'helm_context.keda_query',
      ]),
    );
    for (const { field, value } of accepted) {
      const chart = renderChart({
        name: `hostile ${field.path}`,
        kind: 'helm',
        tree: 'basic',
        payload: {
          cloud: 'aws',
          helm_context: { ...BASE_CONTEXT, ...field.context(value) },
        },
        secrets: [],
      });
      expect({
        value,
        inValues: field.inValues!(readValues(chart.files)),
      }).toEqual({
        value,
        inValues: value,
      });
      const objects = await templateChart(chart.files);
      expect({ value, rendered: field.rendered!(objects) }).toEqual({
        value,
        rendered: value,
      });
    }
  }, 120_000);

  it('a "$(VAR)" env value is escaped so Kubernetes does not expand it', async () => {
    const chart = renderChart({
      name: 'env expansion',
      kind: 'helm',
      tree: 'basic',
      payload: {
        cloud: 'aws',
        helm_context: {
          ...BASE_CONTEXT,
          env: [{ name: 'LEAK', value: '$(LOGS_GRAFANA_CLOUD_TOKEN)' }],
        },
      },
      secrets: [],
    });
    const objects = await templateChart(chart.files);
    expect(deployment(objects).spec.template.spec.containers[0].env).toEqual([
      { name: 'LEAK', value: '$$(LOGS_GRAFANA_CLOUD_TOKEN)' },
    ]);
  });

  it.each(['on', 'yes', 'No', 'y', 'off', '~', '0o17', '1_000', '2024-01-01'])(
    'the YAML 1.1 keyword %j as an env value round-trips as that string',
    async value => {
      const chart = renderChart({
        name: `yaml 1.1 ${value}`,
        kind: 'helm',
        tree: 'basic',
        payload: {
          cloud: 'aws',
          helm_context: { ...BASE_CONTEXT, env: [{ name: 'FLAG', value }] },
        },
        secrets: [],
      });
      // values.yaml (read as YAML 1.1, as Helm does) holds the string
      expect(readValues(chart.files).env[0]).toEqual({ name: 'FLAG', value });
      // and helm renders it into the container as that string
      const objects = await templateChart(chart.files);
      expect(
        deployment(objects).spec.template.spec.containers[0].env,
      ).toContainEqual({ name: 'FLAG', value });
    },
    60_000,
  );
});
