import {
  CORE_HELM_FIELDS,
  FEATURE_GROUPS,
  featureFields,
  featureGates,
  featureGroupOf,
} from './features';
import { HELM_KEYS } from './helm';
import { getJsonSchema } from './jsonSchema';
import { parseHelmContext } from './parse';

const props = getJsonSchema('helm_context').properties as Record<
  string,
  { type?: string; default?: unknown }
>;

const minimal = {
  chart_name: 'orders',
  namespace: 'orders',
  image_repository: 'nginx',
  image_tag: '1.27',
};

describe('feature groups', () => {
  it('give every helm_context field exactly one home: a group or the core list', () => {
    const homeless = HELM_KEYS.filter(
      k => !CORE_HELM_FIELDS.includes(k) && !featureGroupOf(k),
    );
    // a new contract field lands here: give it a prefix of a group in
    // features.ts (or a new group), or list it in CORE_HELM_FIELDS
    expect(homeless).toEqual([]);
    const counted = FEATURE_GROUPS.flatMap(featureFields);
    expect(new Set(counted).size).toBe(counted.length);
    expect(counted.length + CORE_HELM_FIELDS.length).toBe(HELM_KEYS.length);
  });

  it('name only contract fields', () => {
    for (const field of CORE_HELM_FIELDS) expect(HELM_KEYS).toContain(field);
    for (const group of FEATURE_GROUPS) {
      for (const field of group.fields ?? []) {
        expect(HELM_KEYS).toContain(field);
      }
      expect(featureFields(group).length).toBeGreaterThan(0);
    }
    expect(new Set(FEATURE_GROUPS.map(g => g.id)).size).toBe(
      FEATURE_GROUPS.length,
    );
  });

  it('are switched by a boolean field of their own', () => {
    for (const group of FEATURE_GROUPS.filter(g => g.toggle)) {
      expect(props[group.toggle!]?.type).toBe('boolean');
      expect(featureGroupOf(group.toggle!)).toBe(group);
      expect(featureFields(group)[0]).toBe(group.toggle);
    }
  });

  it('state the cross-field rules of the contract (requires / excludes)', () => {
    const toggles = new Set(FEATURE_GROUPS.map(g => g.toggle));
    for (const group of FEATURE_GROUPS) {
      for (const other of [
        ...(group.requires ?? []),
        ...(group.excludes ?? []),
      ]) {
        expect(toggles).toContain(other);
      }
    }
    const throttling = FEATURE_GROUPS.find(g => g.id === 'throttling')!;
    const alone = parseHelmContext({ ...minimal, throttle_enabled: true });
    expect(alone.ok).toBe(false);
    const withIstio = parseHelmContext({
      ...minimal,
      throttle_enabled: true,
      ...Object.fromEntries(throttling.requires!.map(t => [t, true])),
    });
    expect(withIstio.ok).toBe(true);
    const both = parseHelmContext({
      ...minimal,
      hpa_enabled: true,
      keda_enabled: true,
      keda_query: 'sum(rate(http_requests_total[1m]))',
    });
    expect(both.ok).toBe(false);
    expect(FEATURE_GROUPS.find(g => g.id === 'keda')!.excludes).toContain(
      'hpa_enabled',
    );
  });

  it('gate fields by their toggles, outermost first', () => {
    expect(featureGates('hpa_min_replicas')).toEqual(['hpa_enabled']);
    expect(featureGates('hpa_enabled')).toEqual([]);
    expect(featureGates('ingress_tls_secret_name')).toEqual([
      'ingress_enabled',
      'ingress_tls_enabled',
    ]);
    expect(featureGates('metrics_pod_monitor_interval')).toEqual([
      'metrics_enabled',
      'metrics_pod_monitor_enabled',
    ]);
    // quota alerts are their own group: not gated by the quota
    expect(featureGates('quota_alerts_node_for')).toEqual([
      'quota_alerts_enabled',
    ]);
    expect(featureGates('chart_name')).toEqual([]);
    expect(featureGates('alerts_runbook_url')).toEqual([]);
  });
});
