/*
 * Field builders. Every string of the contract is created by `safeString()`,
 * so the safety rules of `safety.ts` apply to all of them; the other builders
 * add a strict grammar on top and a message that says what is allowed.
 */
import { z } from 'zod';
import { findUnsafeContent, StringPolicy } from './safety';

/** JSON Schema keyword carrying the human-readable format of a string field. */
export const FORMAT_KEYWORD = 'x-iacforge-format';

export interface SafeStringOptions extends StringPolicy {
  /** Minimum length (default 0). */
  min?: number;
  /** Maximum length (required: every string is bounded). */
  max: number;
  /** Grammar the value must match. */
  pattern?: RegExp;
  /** What the pattern allows, used in the error message. */
  allowed?: string;
}

/**
 * The one string builder of the package: bounded length, the safety policy
 * (`findUnsafeContent`) and an optional grammar with a readable message.
 */
export function safeString(options: SafeStringOptions) {
  const { min = 0, max, pattern, allowed, ...policy } = options;
  let schema = z.string();
  if (min > 0) {
    schema = schema.min(min, {
      error:
        min === 1
          ? 'Must not be empty'
          : `Must be at least ${min} characters long`,
    });
  }
  schema = schema.max(max, { error: `Must be at most ${max} characters long` });
  schema = schema.superRefine((value, ctx) => {
    const reason = findUnsafeContent(value, policy);
    if (reason) {
      ctx.addIssue({ code: 'custom', message: `Unsafe value: ${reason}` });
    }
  });
  if (pattern) {
    schema = schema.regex(pattern, {
      error: `Invalid format: ${allowed ?? `must match ${pattern.source}`}`,
    });
  }
  if (allowed) {
    schema = schema.meta({ [FORMAT_KEYWORD]: allowed });
  }
  return schema;
}

/** An integer within bounds. */
export function int(min: number, max: number) {
  return z.int().min(min).max(max);
}

/** A TCP/UDP port number. */
export function port() {
  return int(1, 65535);
}

// ---------------------------------------------------------------------------
// Kubernetes names
// ---------------------------------------------------------------------------

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** RFC 1123 label (namespaces, chart names, most Kubernetes object names). */
export function dns1123Label(max = 63) {
  return safeString({
    min: 1,
    max,
    pattern: DNS1123_LABEL,
    allowed: `a Kubernetes name (RFC 1123 label): lowercase letters, digits and "-", starting and ending with a letter or digit, at most ${max} characters`,
  });
}

/** RFC 1123 subdomain (Secret, ConfigMap, ServiceAccount names). */
export function dns1123Subdomain(max = 253) {
  return safeString({
    min: 1,
    max,
    pattern: DNS1123_SUBDOMAIN,
    allowed: `a Kubernetes object name (RFC 1123 subdomain): lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit, at most ${max} characters`,
  });
}

const QUALIFIED_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Kubernetes label / annotation key: `[prefix/]name`. */
export function qualifiedName() {
  return safeString({
    min: 1,
    max: 317,
    pattern: QUALIFIED_NAME,
    allowed:
      'a Kubernetes label/annotation key: an optional DNS-subdomain prefix and "/", then a name of at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (e.g. "topology.kubernetes.io/zone")',
  });
}

/** Environment variable name. */
export function envVarName() {
  return safeString({
    min: 1,
    max: 128,
    pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
    allowed:
      'an environment variable name: letters, digits and "_", not starting with a digit',
  });
}

// ---------------------------------------------------------------------------
// Hosts and URLs
// ---------------------------------------------------------------------------

const HOSTNAME =
  /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** DNS host name, lowercase, optionally with a leading `*.` wildcard label. */
export function hostname(options: { wildcard?: boolean } = {}) {
  const pattern = options.wildcard
    ? HOSTNAME
    : /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
  return safeString({
    min: 1,
    max: 253,
    pattern,
    allowed: `a lowercase DNS host name such as "orders.example.com"${
      options.wildcard ? ' (a leading "*." wildcard is allowed)' : ''
    }`,
  });
}

function isClusterLocalHost(host: string): boolean {
  return (
    !host.includes('.') ||
    host.endsWith('.svc') ||
    host.endsWith('.svc.cluster.local') ||
    host.endsWith('.cluster.local') ||
    host === 'localhost'
  );
}

export interface HttpUrlOptions {
  /**
   * `always`: https only. `external`: plain http only for in-cluster hosts
   * (`*.svc`, `*.svc.cluster.local`, single-label names), https otherwise;
   * used for endpoints that receive credentials. `never`: http or https.
   */
  requireHttps: 'always' | 'external' | 'never';
  /**
   * Accept loopback hosts (localhost, 127.0.0.0/8, ::1): only for endpoints
   * a sidecar in the same pod can serve (an OpenTelemetry collector).
   * Cloud metadata and link-local addresses are refused always.
   */
  allowLoopback?: boolean;
}

/** IPv4 dotted quad as four numbers (the URL parser normalises 0x.., 0..). */
function ipv4(host: string): number[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  return m ? m.slice(1).map(Number) : undefined;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a9fe:a9fe). */
function mappedIpv4(host: string): number[] | undefined {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!m) {
    return undefined;
  }
  const [hi, lo] = [parseInt(m[1], 16), parseInt(m[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255];
}

/** Cloud instance-metadata host names (no valid target for a generated URL). */
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

/**
 * Why a URL host must not be used (cloud metadata, link-local, unspecified
 * or, unless allowed, loopback), else undefined. `host` is URL.hostname.
 */
export function forbiddenUrlHost(
  host: string,
  options: { allowLoopback?: boolean } = {},
): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = ipv4(bare) ?? mappedIpv4(bare);
  const metadata =
    "a cloud instance-metadata address (it serves the node's credentials)";
  if (METADATA_HOSTS.has(bare) || bare === 'fd00:ec2::254') {
    return metadata;
  }
  if (v4) {
    const [a, b] = v4;
    if ((a === 169 && b === 254) || v4.join('.') === '100.100.100.200') {
      return `${metadata}: link-local 169.254.0.0/16 is refused`;
    }
    if (a === 0) {
      return 'an unspecified address (0.0.0.0/8)';
    }
    if (a === 127 && !options.allowLoopback) {
      return 'a loopback address (127.0.0.0/8): from the cluster it is the pod itself';
    }
    return undefined;
  }
  if (/^fe[89ab][0-9a-f]?:/.test(bare)) {
    return 'a link-local IPv6 address (fe80::/10)';
  }
  if (bare === '::') {
    return 'an unspecified address (::)';
  }
  if (
    !options.allowLoopback &&
    (bare === '::1' || bare === 'localhost' || bare.endsWith('.localhost'))
  ) {
    return 'a loopback address (localhost, ::1): from the cluster it is the pod itself';
  }
  return undefined;
}

/** An absolute http(s) URL without credentials or fragment. */
export function httpUrl(options: HttpUrlOptions) {
  return safeString({ min: 1, max: 2048 }).superRefine((value, ctx) => {
    const fail = (message: string) =>
      ctx.addIssue({ code: 'custom', message: `Invalid URL: ${message}` });
    if (/\s/.test(value)) {
      fail('must not contain spaces');
      return;
    }
    const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
    if (!match) {
      fail('must be an absolute URL starting with "https://" or "http://"');
      return;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      fail(
        'not a valid absolute URL (replace placeholders such as "<realm>" with real values)',
      );
      return;
    }
    const scheme = url.protocol.replace(/:$/, '');
    if (scheme !== 'http' && scheme !== 'https') {
      fail(`the scheme must be https or http, not "${scheme}"`);
      return;
    }
    if (url.username || url.password) {
      fail(
        'must not embed credentials ("user:password@"); put secrets in a Kubernetes Secret',
      );
      return;
    }
    if (url.hash) {
      fail('must not contain a "#fragment"');
      return;
    }
    const forbidden = forbiddenUrlHost(url.hostname, options);
    if (forbidden) {
      fail(`the host "${url.hostname}" is ${forbidden}`);
      return;
    }
    if (scheme === 'http') {
      if (options.requireHttps === 'always') {
        fail('must use https://');
      } else if (
        options.requireHttps === 'external' &&
        !isClusterLocalHost(url.hostname)
      ) {
        fail(
          'must use https:// (plain http:// is only allowed for in-cluster addresses such as "http://collector.monitoring.svc:4318", because this endpoint receives credentials)',
        );
      }
    }
  });
}

/** URL path such as `/metrics` or `/api/v1`. */
export function urlPath() {
  return safeString({
    min: 1,
    max: 1024,
    pattern: /^\/[A-Za-z0-9._~!$&()*+,;=:@%\/-]*$/,
    allowed:
      'an absolute URL path starting with "/" (letters, digits and the URL path characters -._~!$&()*+,;=:@%/)',
  });
}

// ---------------------------------------------------------------------------
// Versions, durations, quantities
// ---------------------------------------------------------------------------

export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** SemVer 2.0.0 version (no leading "v"). */
export function semver() {
  return safeString({
    min: 1,
    max: 128,
    pattern: SEMVER_PATTERN,
    allowed:
      'a SemVer 2 version such as "0.1.0" or "1.2.3-rc.1" (MAJOR.MINOR.PATCH, no leading "v")',
  });
}

const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Milliseconds of a single-unit duration like `500ms`, `10s`, `5m`; undefined when malformed. */
export function parseDuration(value: string): number | undefined {
  const m = /^(0|[1-9][0-9]*)(ms|s|m|h|d|w)$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * DURATION_UNITS_MS[m[2]];
}

function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

export interface DurationOptions {
  /** Allowed units, default ms, s, m, h. */
  units?: ReadonlyArray<'ms' | 's' | 'm' | 'h' | 'd' | 'w'>;
  /** Inclusive bounds in milliseconds. */
  minMs?: number;
  maxMs?: number;
}

/** A duration string with one unit, e.g. `10s`, `10m`, `500ms`. */
export function duration(options: DurationOptions = {}) {
  const units = options.units ?? ['ms', 's', 'm', 'h'];
  const pattern = new RegExp(`^(0|[1-9][0-9]*)(${units.join('|')})$`);
  return safeString({
    min: 1,
    max: 16,
    pattern,
    allowed: `a duration: a whole number followed by one unit (${units.join(
      ', ',
    )}), e.g. "10s" or "5m"`,
  }).superRefine((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined || !pattern.test(value)) return;
    if (options.minMs !== undefined && ms < options.minMs) {
      ctx.addIssue({
        code: 'custom',
        message: `Too short: must be at least ${formatMs(options.minMs)}`,
      });
    }
    if (options.maxMs !== undefined && ms > options.maxMs) {
      ctx.addIssue({
        code: 'custom',
        message: `Too long: must be at most ${formatMs(options.maxMs)}`,
      });
    }
  });
}

const CPU_PATTERN = /^(?:(?:0|[1-9][0-9]*)(?:\.[0-9]{1,3})?|[1-9][0-9]*m)$/;
const MEMORY_PATTERN =
  /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/** CPU cores of a Kubernetes CPU quantity (`"100m"` → 0.1); undefined when malformed. */
export function parseCpuQuantity(value: string): number | undefined {
  if (!CPU_PATTERN.test(value)) return undefined;
  return value.endsWith('m')
    ? Number(value.slice(0, -1)) / 1000
    : Number(value);
}

const MEMORY_SUFFIX: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Bytes of a Kubernetes memory quantity (`"128Mi"`); undefined when malformed. */
export function parseMemoryQuantity(value: string): number | undefined {
  if (!MEMORY_PATTERN.test(value)) return undefined;
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(value)!;
  return Number(m[1]) * MEMORY_SUFFIX[m[2]];
}

/** Kubernetes CPU quantity: cores (`"1"`, `"0.5"`) or millicores (`"250m"`). */
export function cpuQuantity() {
  return safeString({
    min: 1,
    max: 16,
    pattern: CPU_PATTERN,
    allowed:
      'a Kubernetes CPU quantity: cores such as "1" or "0.5" (at most 3 decimals) or millicores such as "250m"',
  });
}

/** Kubernetes memory quantity (`"128Mi"`, `"1Gi"`, `"512M"`). */
export function memoryQuantity() {
  return safeString({
    min: 1,
    max: 24,
    pattern: MEMORY_PATTERN,
    allowed:
      'a Kubernetes memory quantity: a number with an optional suffix Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024) or k, M, G, T, P, E (powers of 1000), e.g. "128Mi" or "1Gi" (note: a lowercase "m" would mean thousandths of a byte)',
  });
}

// ---------------------------------------------------------------------------
// IPv4 CIDR
// ---------------------------------------------------------------------------

const IPV4 =
  '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}';
const IPV4_PATTERN = new RegExp(`^${IPV4}$`);
const CIDR_PATTERN = new RegExp(`^${IPV4}\\/(?:3[0-2]|[12]?[0-9])$`);

/** An IPv4 address as an unsigned 32-bit number; undefined when malformed. */
export function parseIpv4(value: string): number | undefined {
  if (!IPV4_PATTERN.test(value)) return undefined;
  return value.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
  /** Number of addresses. */
  size: number;
}

/** Parses `a.b.c.d/n`; undefined when malformed. `base` keeps host bits (see `isNetworkAligned`). */
export function parseCidr(value: string): Cidr | undefined {
  if (!CIDR_PATTERN.test(value)) return undefined;
  const [ip, prefixText] = value.split('/');
  const prefix = Number(prefixText);
  return { base: parseIpv4(ip)!, prefix, size: 2 ** (32 - prefix) };
}

function isNetworkAligned(c: Cidr): boolean {
  return c.base % c.size === 0;
}

function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map(s => Math.floor(n / 2 ** s) % 256).join('.');
}

/** True when `inner` lies entirely within `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.base >= outer.base &&
    inner.base + inner.size <= outer.base + outer.size
  );
}

/** True when the two ranges share at least one address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

/** IPv4 CIDR block, network-aligned, with a prefix length within bounds. */
export function ipv4Cidr(
  options: { minPrefix?: number; maxPrefix?: number } = {},
) {
  const { minPrefix = 0, maxPrefix = 32 } = options;
  return safeString({
    min: 1,
    max: 18,
    pattern: CIDR_PATTERN,
    allowed: 'an IPv4 CIDR block such as "10.0.0.0/16"',
  }).superRefine((value, ctx) => {
    const c = parseCidr(value);
    if (!c) return;
    if (c.prefix < minPrefix || c.prefix > maxPrefix) {
      ctx.addIssue({
        code: 'custom',
        message: `Invalid prefix length /${c.prefix}: must be between /${minPrefix} and /${maxPrefix}`,
      });
    }
    if (!isNetworkAligned(c)) {
      const aligned = c.base - (c.base % c.size);
      ctx.addIssue({
        code: 'custom',
        message: `Not a network address: host bits are set (did you mean "${formatIpv4(
          aligned,
        )}/${c.prefix}"?)`,
      });
    }
  });
}

/** IPv4 address. */
export function ipv4Address() {
  return safeString({
    min: 1,
    max: 15,
    pattern: IPV4_PATTERN,
    allowed: 'an IPv4 address such as "10.0.0.10"',
  });
}

// ---------------------------------------------------------------------------
// Misc identifiers
// ---------------------------------------------------------------------------

/** Lowercase GUID (Azure ids). */
export function guid() {
  return safeString({
    min: 36,
    max: 36,
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    allowed: 'a GUID such as "00000000-0000-0000-0000-000000000000"',
  });
}

/** An integer or a percentage string ("1", 2, "50%"), normalized to number | "N%". */
export function intOrPercent(what: string) {
  const pattern = /^(0|[1-9][0-9]{0,5})%?$/;
  return z
    .union([
      int(0, 1_000_000),
      safeString({
        max: 8,
        pattern: /^((0|[1-9][0-9]{0,5})%?)?$/,
        allowed: `${what}: a whole number such as "1" or a percentage such as "50%" (empty string means unset)`,
      }).superRefine((value, ctx) => {
        if (value.endsWith('%') && Number(value.slice(0, -1)) > 100) {
          ctx.addIssue({
            code: 'custom',
            message: 'A percentage must be at most 100%',
          });
        }
      }),
    ])
    .transform((value): number | string | undefined => {
      if (typeof value === 'number') return value;
      if (value === '' || !pattern.test(value)) return undefined;
      return value.endsWith('%') ? value : Number(value);
    });
}

/** A number (or numeric string, as the seed allows) normalized to a decimal string. */
export function numericString(what: string) {
  return z
    .union([
      z.number().min(0),
      safeString({
        min: 1,
        max: 32,
        pattern: /^(0|[1-9][0-9]*)(\.[0-9]+)?$/,
        allowed: `${what}: a non-negative decimal number such as "0.05" or "10"`,
      }),
    ])
    .transform(value => String(value));
}
