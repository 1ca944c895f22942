import {
  parseHelmPayload,
  parsePlatformPayload,
  parseTerraformPayload,
} from './index';
import { expectIssue, helm, valueOf } from './__fixtures__/helpers';
import {
  MINIMAL_TERRAFORM_CONTEXT,
  SEED_HELM_AFFINITY,
  SEED_HELM_FRAGMENTS,
  SEED_HELM_TELEMETRY_SPLUNK,
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_PLATFORM_NEW_CLUSTER,
} from './seedExamples';

describe('seed examples (generator spec) are valid', () => {
  it('unified platform payload, new cluster (aws)', () => {
    const value = valueOf(parsePlatformPayload(SEED_PLATFORM_NEW_CLUSTER));
    expect(value.cloud).toBe('aws');
    expect(value.existing_cluster).toBe(false);
    expect(value.helm_context.chart_name).toBe('payments');
  });

  it('unified platform payload, existing cluster (gcp)', () => {
    const value = valueOf(parsePlatformPayload(SEED_PLATFORM_EXISTING_CLUSTER));
    expect(value.existing_cluster).toBe(true);
    expect(value.terraform_context).toBeUndefined();
    expect(value.helm_context.load_balancer_type).toBe('External');
  });

  it('anti-affinity helm_context', () => {
    const value = valueOf(
      parseHelmPayload({ helm_context: SEED_HELM_AFFINITY }),
    );
    expect(value.helm_context.affinity_type).toBe('podAntiAffinity');
  });

  it.each(Object.entries(SEED_HELM_FRAGMENTS))(
    '%s example',
    (_name, fragment) => {
      const value = valueOf(parseHelmPayload({ helm_context: helm(fragment) }));
      for (const [key, v] of Object.entries(fragment)) {
        if (
          key === 'pdb_min_available' ||
          key === 'pdb_max_unavailable' ||
          key === 'quota_pods'
        )
          continue;
        expect((value.helm_context as Record<string, unknown>)[key]).toEqual(v);
      }
    },
  );

  it('all helm fragments together on each cloud (HPA left out: the KEDA example turns it off)', () => {
    const { hpa: _hpa, ...rest } = SEED_HELM_FRAGMENTS;
    const merged = Object.assign({}, ...Object.values(rest));
    // Together, the KEDA example (20 replicas x 500m CPU limit) outgrows the
    // quota example (8 CPU of limits): the contract reports it before deploy.
    expectIssue(
      parseHelmPayload({ helm_context: helm(merged) }),
      'helm_context.quota_limits_cpu',
      'quota_limits_cpu (8) is too small for 20 replica(s) of 500m each',
    );
    // the monitoring examples render Prometheus Operator objects: a new EKS
    // or AKS cluster installs their CRDs with the add-ons (named admin on AKS)
    const ADMIN = '00000000-0000-4000-8000-000000000001';
    for (const cloud of ['aws', 'azure', 'gcp'] as const) {
      valueOf(
        parsePlatformPayload({
          cloud,
          terraform_context: {
            ...MINIMAL_TERRAFORM_CONTEXT[cloud],
            ...(cloud === 'azure'
              ? { cluster_admin_principal_ids: [ADMIN] }
              : {}),
          },
          helm_context: helm({ ...merged, quota_limits_cpu: '10' }),
          addons_context: { enabled: true },
        }),
      );
    }
  });

  it('normalizes the seed\'s string forms (pdb "", quota_pods "40")', () => {
    const value = valueOf(
      parseHelmPayload({
        helm_context: helm(SEED_HELM_FRAGMENTS['pdb + quota']),
      }),
    );
    expect(value.helm_context.pdb_min_available).toBe(1);
    expect(value.helm_context.pdb_max_unavailable).toBeUndefined();
    expect(value.helm_context.quota_pods).toBe(40);
  });

  it('telemetry splunk example: the "<realm>" placeholder is rejected verbatim, accepted when filled in', () => {
    expectIssue(
      parseHelmPayload({ helm_context: helm(SEED_HELM_TELEMETRY_SPLUNK) }),
      'helm_context.telemetry_otlp_endpoint',
      /replace placeholders such as "<realm>"/,
    );
    valueOf(
      parseHelmPayload({
        helm_context: helm({
          ...SEED_HELM_TELEMETRY_SPLUNK,
          telemetry_otlp_endpoint: 'https://ingest.us1.signalfx.com/v2/otlp',
        }),
      }),
    );
  });

  it('terraform payloads with the minimal context of each cloud', () => {
    for (const cloud of ['aws', 'azure', 'gcp'] as const) {
      const value = valueOf(
        parseTerraformPayload({
          cloud,
          terraform_context: MINIMAL_TERRAFORM_CONTEXT[cloud],
        }),
      );
      expect(value.cloud).toBe(cloud);
    }
  });
});
