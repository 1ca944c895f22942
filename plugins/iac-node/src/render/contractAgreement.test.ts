/*
 * The contract and the filters agree: a value the contract accepts renders
 * with the filters the template trees print it through. Property-style: many
 * generated candidates per field, every accepted one must pass the filters.
 */
import {
  MINIMAL_TERRAFORM_CONTEXT,
  parsePlatformPayload,
  SEED_HELM_FRAGMENTS,
  SEED_PLATFORM_NEW_CLUSTER,
} from '@iacforge/plugin-iac-common';
import { IacEngine } from '../engine';
import { shippedTemplateRoot } from '../roots';
import { ESCAPING_FILTERS } from './filters';

const TEMPLATES = shippedTemplateRoot();

/** A payload with one field set, by field. */
const FIELDS: Record<string, (value: string) => Record<string, unknown>> = {
  'governance_context.default_branch': value => ({
    ...SEED_PLATFORM_NEW_CLUSTER,
    governance_context: { default_branch: value },
  }),
  'governance_context.apply_environment': value => ({
    ...SEED_PLATFORM_NEW_CLUSTER,
    governance_context: { apply_environment: value },
  }),
  'helm_context.telemetry_auth_header_name': value => ({
    ...SEED_PLATFORM_NEW_CLUSTER,
    helm_context: {
      ...SEED_PLATFORM_NEW_CLUSTER.helm_context,
      ...SEED_HELM_FRAGMENTS['telemetry grafana-cloud'],
      telemetry_auth_header_name: value,
    },
  }),
  'terraform_context.state_resource_group_name': value => ({
    ...SEED_PLATFORM_NEW_CLUSTER,
    cloud: 'azure',
    terraform_context: {
      ...MINIMAL_TERRAFORM_CONTEXT.azure,
      state_resource_group_name: value,
    },
  }),
};

/** The filters the trees print these fields through. */
const FILTERS = ['ident', 'yaml_str', 'hcl_str', 'md', 'json'] as const;

/** Deterministic candidates: fixed edge cases plus pseudo-random strings. */
function candidates(): string[] {
  const fixed = [
    'main',
    'release/v1',
    '_main',
    '-main',
    'a..b',
    '_prod',
    '-X',
    'X-SF-Token',
    'rg(1)',
    '(rg)',
    '.rg',
    'rg.',
    'a/b/c',
    'x.lock',
    '__proto__',
    'A_b-c.d',
  ];
  const alphabet = 'aZ09_-./()@{}~^:?*[ ';
  let seed = 14;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const random = Array.from({ length: 400 }, () => {
    const length = 1 + (next() % 8);
    return Array.from(
      { length },
      () => alphabet[next() % alphabet.length],
    ).join('');
  });
  return [...fixed, ...random];
}

function accepted(field: string, value: string): boolean {
  return parsePlatformPayload(FIELDS[field](value)).ok;
}

describe('contract and filters agree', () => {
  it.each(Object.keys(FIELDS))(
    '%s: every value the contract accepts passes the escaping filters',
    field => {
      const failures: string[] = [];
      let count = 0;
      for (const value of candidates()) {
        if (!accepted(field, value)) continue;
        count++;
        for (const filter of FILTERS) {
          try {
            ESCAPING_FILTERS[filter](value);
          } catch (error) {
            failures.push(`${filter}(${JSON.stringify(value)}): ${error}`);
          }
        }
      }
      expect(count).toBeGreaterThan(3);
      expect(failures).toEqual([]);
    },
  );

  const engine = IacEngine.fromRoots([TEMPLATES]);
  it.each([
    ['governance_context.default_branch', 'release/v1'],
    ['governance_context.default_branch', '_main'],
    ['governance_context.apply_environment', '_prod'],
    ['terraform_context.state_resource_group_name', 'rg(1)'],
    ['helm_context.telemetry_auth_header_name', 'X-SF-Token'],
  ])('%s = %j renders the whole platform', (field, value) => {
    expect(accepted(field, value)).toBe(true);
    expect(engine.generate('platform', FIELDS[field](value))).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['governance_context.default_branch', '-main'],
    ['governance_context.default_branch', 'a..b'],
    ['helm_context.telemetry_auth_header_name', '-X'],
  ])('%s = %j is refused by the contract', (field, value) => {
    expect(accepted(field, value)).toBe(false);
  });
});
