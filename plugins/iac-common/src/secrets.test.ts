import {
  parsePlatformPayload,
  redactSecrets,
  SECRET_FIELDS,
  stripSecrets,
} from './index';
import { helm, platform, valueOf } from './__fixtures__/helpers';
import {
  SEED_HELM_LOGS_GRAFANA,
  SEED_HELM_LOGS_SPLUNK,
  SEED_HELM_TELEMETRY_GRAFANA,
} from './seedExamples';

describe('secrets', () => {
  const parsed = () =>
    valueOf(
      parsePlatformPayload(
        platform('aws', {
          helm: {
            ...SEED_HELM_LOGS_GRAFANA,
            ...SEED_HELM_LOGS_SPLUNK,
            ...SEED_HELM_TELEMETRY_GRAFANA,
          },
        }),
      ),
    );

  it('lists the token paths', () => {
    expect(SECRET_FIELDS).toEqual([
      'helm_context.logs_grafana_cloud_auth_token',
      'helm_context.logs_splunk_token',
      'helm_context.telemetry_auth_token',
    ]);
  });

  it('stripSecrets removes them from a copy and returns them', () => {
    const payload = parsed();
    const { payload: stripped, secrets } = stripSecrets(payload);
    expect(secrets).toEqual({
      'helm_context.logs_grafana_cloud_auth_token': '<token>',
      'helm_context.logs_splunk_token': '<hec-token>',
      'helm_context.telemetry_auth_token': 'Bearer <grafana-token>',
    });
    expect(JSON.stringify(stripped)).not.toMatch(/token>/);
    expect('logs_splunk_token' in stripped.helm_context).toBe(false);
    expect(payload.helm_context.logs_splunk_token).toBe('<hec-token>');
    expect(stripped.helm_context.logs_splunk_token_secret_name).toBe(
      'splunk-hec-token',
    );
  });

  it('stripSecrets tolerates payloads without secrets or without helm_context', () => {
    expect(stripSecrets({ helm_context: helm() }).secrets).toEqual({});
    expect(stripSecrets({ cloud: 'aws' })).toEqual({
      payload: { cloud: 'aws' },
      secrets: {},
    });
    expect(stripSecrets(null)).toEqual({ payload: null, secrets: {} });
  });

  it('redactSecrets masks set secrets only', () => {
    const redacted = redactSecrets(parsed());
    expect(redacted.helm_context.logs_grafana_cloud_auth_token).toBe('***');
    expect(redacted.helm_context.telemetry_auth_token).toBe('***');
    const none = redactSecrets({ helm_context: { chart_name: 'x' } });
    expect(none).toEqual({ helm_context: { chart_name: 'x' } });
  });
});
