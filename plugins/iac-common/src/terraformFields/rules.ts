/*
 * Rules every cloud's terraform_context shares: the RRULE of maintenance
 * windows, the common cross-field checks (node pool, autoscaler, windows),
 * CIDR overlap and containment, timestamps and name truncation.
 */
import { cidrContains, cidrOverlaps, parseCidr } from '../fields';
import { Ctx, issue } from './common';
// ---------------------------------------------------------------------------
// RRULE
// ---------------------------------------------------------------------------

export const RRULE_DAY = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/;

/** Why an RFC 5545 RRULE is not acceptable for a GKE maintenance window, or undefined. */
export function rruleProblem(rule: string): string | undefined {
  const seen = new Set<string>();
  for (const part of rule.split(';')) {
    const [key, value] = part.split('=');
    if (seen.has(key)) return `Invalid RRULE: "${key}" appears twice`;
    seen.add(key);
    switch (key) {
      case 'FREQ':
        if (!['DAILY', 'WEEKLY', 'MONTHLY'].includes(value)) {
          return 'Invalid RRULE: FREQ must be DAILY, WEEKLY or MONTHLY';
        }
        break;
      case 'INTERVAL':
      case 'COUNT':
        if (!/^[1-9][0-9]{0,3}$/.test(value)) {
          return `Invalid RRULE: ${key} must be a positive integer`;
        }
        break;
      case 'BYDAY':
        if (!value.split(',').every(d => RRULE_DAY.test(d))) {
          return 'Invalid RRULE: BYDAY must be a comma-separated list of MO, TU, WE, TH, FR, SA, SU (optionally prefixed by a week number such as 1SA)';
        }
        break;
      case 'BYMONTHDAY':
        if (
          !value.split(',').every(d => {
            const n = Number(d);
            return /^-?[0-9]{1,2}$/.test(d) && n !== 0 && Math.abs(n) <= 31;
          })
        ) {
          return 'Invalid RRULE: BYMONTHDAY must list days 1..31 (or -1..-31)';
        }
        break;
      case 'WKST':
        if (!/^(MO|TU|WE|TH|FR|SA|SU)$/.test(value)) {
          return 'Invalid RRULE: WKST must be one of MO, TU, WE, TH, FR, SA, SU';
        }
        break;
      case 'UNTIL':
        if (!/^[0-9]{8}(T[0-9]{6}Z)?$/.test(value)) {
          return 'Invalid RRULE: UNTIL must be a date such as 20301231 or 20301231T000000Z';
        }
        break;
      default:
        return `Invalid RRULE: unsupported part "${key}" (allowed: FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, WKST)`;
    }
  }
  if (!seen.has('FREQ'))
    return 'Invalid RRULE: FREQ is required (e.g. "FREQ=WEEKLY;BYDAY=SA")';
  return undefined;
}

// ---------------------------------------------------------------------------
// Cross-field rules
// ---------------------------------------------------------------------------

export interface CommonValues {
  node_pool_min_size: number;
  node_pool_max_size: number;
  node_pool_desired_size: number;
  endpoint_public_access: boolean;
  endpoint_public_access_cidrs: string[];
}

export function checkCommon(v: CommonValues, ctx: Ctx) {
  if (v.node_pool_min_size > v.node_pool_max_size) {
    issue(
      ctx,
      ['node_pool_min_size'],
      `node_pool_min_size (${v.node_pool_min_size}) must not be greater than node_pool_max_size (${v.node_pool_max_size})`,
    );
  } else if (
    v.node_pool_desired_size < v.node_pool_min_size ||
    v.node_pool_desired_size > v.node_pool_max_size
  ) {
    issue(
      ctx,
      ['node_pool_desired_size'],
      `node_pool_desired_size (${v.node_pool_desired_size}) must lie between node_pool_min_size (${v.node_pool_min_size}) and node_pool_max_size (${v.node_pool_max_size})`,
    );
  }
  v.endpoint_public_access_cidrs.forEach((cidr, i) => {
    const c = parseCidr(cidr);
    if (c && c.prefix === 0) {
      issue(
        ctx,
        ['endpoint_public_access_cidrs', i],
        `"${cidr}" opens the Kubernetes API to the whole internet; list the specific CIDRs that need access (VPN, office, CI runner egress)`,
      );
    }
  });
  if (v.endpoint_public_access && v.endpoint_public_access_cidrs.length === 0) {
    issue(
      ctx,
      ['endpoint_public_access_cidrs'],
      'Required when endpoint_public_access is true: list at least one CIDR allowed to reach the public API endpoint',
    );
  }
  if (!v.endpoint_public_access && v.endpoint_public_access_cidrs.length > 0) {
    issue(
      ctx,
      ['endpoint_public_access_cidrs'],
      'Only used when endpoint_public_access is true: set endpoint_public_access to true or remove the CIDRs',
    );
  }
}

export function checkNoOverlap(
  ctx: Ctx,
  ranges: { path: (string | number)[]; value: string }[],
) {
  const parsed = ranges
    .map(r => ({ ...r, cidr: parseCidr(r.value) }))
    .filter(r => r.cidr);
  for (let i = 0; i < parsed.length; i++) {
    for (let j = 0; j < i; j++) {
      if (cidrOverlaps(parsed[i].cidr!, parsed[j].cidr!)) {
        issue(
          ctx,
          parsed[i].path,
          `${parsed[i].value} overlaps ${parsed[j].path
            .join('.')
            .replace(/\.(\d+)/g, '[$1]')} (${
            parsed[j].value
          }): address ranges must be disjoint`,
        );
      }
    }
  }
}

export function checkInside(
  ctx: Ctx,
  outerName: string,
  outer: string,
  path: (string | number)[],
  inner: string,
) {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (o && i && !cidrContains(o, i)) {
    issue(ctx, path, `${inner} must lie inside ${outerName} (${outer})`);
  }
}

export function timestampMs(value: string): number | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A name cut to `max` characters, without a trailing '-' or '.'. */
export function truncateName(name: string, max: number): string {
  return name.slice(0, max).replace(/[-.]+$/, '');
}
