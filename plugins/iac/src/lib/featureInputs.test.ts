import {
  CORE_HELM_FIELDS,
  getJsonSchema,
  isSecretHelmField,
} from '@iacforge/plugin-iac-common';
import {
  featureSections,
  fieldTitle,
  fromText,
  switchGroup,
  toText,
} from './featureInputs';

describe('feature inputs', () => {
  it('offer every helm_context field that is not core nor a secret', () => {
    const all = Object.keys(
      getJsonSchema('helm_context').properties as Record<string, unknown>,
    );
    const offered = featureSections().flatMap(s => [
      ...(s.toggle ? [s.toggle.name] : []),
      ...s.inputs.map(i => i.name),
    ]);
    expect(offered.sort()).toEqual(
      all
        .filter(k => !CORE_HELM_FIELDS.includes(k) && !isSecretHelmField(k))
        .sort(),
    );
  });

  it('read titles, kinds, bounds and enums from the schema', () => {
    const inputs = featureSections().flatMap(s => s.inputs);
    const byName = (n: string) => inputs.find(i => i.name === n)!;
    expect(byName('hpa_max_replicas')).toMatchObject({
      title: 'Max replicas',
      kind: 'integer',
      minimum: 1,
      maximum: 1000,
      default: 10,
    });
    expect(byName('istio_egress_protocol')).toMatchObject({ kind: 'enum' });
    expect(byName('image_pull_secrets').kind).toBe('string-list');
    expect(byName('ingress_annotations').kind).toBe('map');
    expect(byName('env').kind).toBe('json');
    expect(byName('pdb_min_available').kind).toBe('string');
    expect(fieldTitle('logs_splunk_hec_url')).toBe('Logs splunk HEC URL');
  });

  it('convert texts to values and back', () => {
    const inputs = featureSections().flatMap(s => s.inputs);
    const byName = (n: string) => inputs.find(i => i.name === n)!;
    const map = byName('ingress_annotations');
    expect(fromText(map, 'a=1\nb = x=y')).toEqual({
      value: { a: '1', b: 'x=y' },
    });
    expect(fromText(map, 'nope').error).toMatch(/key=value/);
    expect(toText(map, { a: '1' })).toBe('a=1');
    expect(fromText(byName('env'), '[').error).toBe('Not valid JSON');
    expect(fromText(byName('hpa_max_replicas'), '')).toEqual({
      value: undefined,
    });
  });

  it('switch groups with their requirements and exclusions', () => {
    const keda = featureSections().find(s => s.group.id === 'keda')!.group;
    expect(switchGroup({ hpa_enabled: true }, keda, true)).toEqual({
      hpa_enabled: false,
      keda_enabled: true,
    });
    expect(switchGroup({}, keda, false)).toEqual({ keda_enabled: false });
  });
});
