/*
 * URLs a generated chart calls or links to (KEDA's Prometheus, runbooks,
 * log and telemetry endpoints): cloud instance-metadata, link-local,
 * unspecified and loopback hosts are refused with the field's path.
 */
import { forbiddenUrlHost, parseHelmPayload } from './index';
import { expectIssue, helm, valueOf } from './__fixtures__/helpers';
import { SEED_HELM_KEDA } from './seedExamples';

const h = (overrides: Record<string, unknown>) =>
  parseHelmPayload({ helm_context: helm(overrides) });
const P = 'helm_context.';

describe('URL hosts', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', /instance-metadata/],
    ['http://0xA9FEA9FE/', /instance-metadata/],
    ['http://[::ffff:169.254.169.254]/', /instance-metadata/],
    ['http://metadata.google.internal/computeMetadata/v1/', /metadata/],
    ['http://[fd00:ec2::254]/', /metadata/],
    ['http://100.100.100.200/', /metadata/],
    ['http://[fe80::1]:9090', /link-local IPv6/],
    ['http://0.0.0.0:9090', /unspecified/],
    ['http://127.0.0.1:9090', /loopback/],
    ['http://localhost:9090', /loopback/],
    ['http://[::1]:9090', /loopback/],
  ])('refuses %s as KEDA Prometheus address', (url, message) => {
    expectIssue(
      h({ ...SEED_HELM_KEDA, keda_prometheus_server_address: url }),
      `${P}keda_prometheus_server_address`,
      message,
    );
  });

  it('refuses metadata and loopback runbook URLs with the field path', () => {
    expectIssue(
      h({ alerts_runbook_url: 'http://169.254.169.254/runbooks' }),
      `${P}alerts_runbook_url`,
      /host "169\.254\.169\.254" is a cloud instance-metadata address/,
    );
    expectIssue(
      h({ alerts_runbook_url: 'http://localhost/runbooks' }),
      `${P}alerts_runbook_url`,
      /loopback/,
    );
  });

  it('accepts in-cluster and public hosts', () => {
    const value = valueOf(
      h({
        ...SEED_HELM_KEDA,
        keda_prometheus_server_address:
          'http://prometheus-operated.monitoring.svc:9090',
        alerts_runbook_url: 'https://runbooks.example.com/orders',
      }),
    );
    expect(value.helm_context.alerts_runbook_url).toBe(
      'https://runbooks.example.com/orders',
    );
  });

  it('accepts a loopback OpenTelemetry collector (a sidecar), never metadata', () => {
    const value = valueOf(
      h({ telemetry_otlp_endpoint: 'http://localhost:4318' }),
    );
    expect(value.helm_context.telemetry_otlp_endpoint).toBe(
      'http://localhost:4318',
    );
    expectIssue(
      h({ telemetry_otlp_endpoint: 'http://169.254.169.254:4318' }),
      `${P}telemetry_otlp_endpoint`,
      /instance-metadata/,
    );
  });

  it('names the reason for a host', () => {
    expect(forbiddenUrlHost('10.0.0.5')).toBeUndefined();
    expect(forbiddenUrlHost('127.0.0.1', { allowLoopback: true })).toBe(
      undefined,
    );
    expect(forbiddenUrlHost('169.254.170.2')).toMatch(/link-local/);
  });
});
