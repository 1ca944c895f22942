import { z } from 'zod';
import {
  cidrContains,
  cidrOverlaps,
  cpuQuantity,
  duration,
  httpUrl,
  intOrPercent,
  ipv4Cidr,
  memoryQuantity,
  numericString,
  parseCidr,
  parseCpuQuantity,
  parseDuration,
  parseMemoryQuantity,
  safeString,
  semver,
} from './fields';
import { safeParseWith } from './parse';
import { issuesOf, valueOf } from './__fixtures__/helpers';

const messages = (schema: z.ZodType, value: unknown) =>
  issuesOf(safeParseWith(schema, value))
    .map(i => i.message)
    .join(' | ');

describe('safeString', () => {
  it('bounds the length and explains the grammar', () => {
    const s = safeString({
      min: 2,
      max: 4,
      pattern: /^[a-z]+$/,
      allowed: 'lowercase letters',
    });
    expect(messages(s, 'a')).toMatch(/at least 2 characters/);
    expect(messages(s, 'abcde')).toMatch(/at most 4 characters/);
    expect(messages(s, 'AB')).toMatch(/Invalid format: lowercase letters/);
    expect(valueOf(safeParseWith(s, 'abc'))).toBe('abc');
  });
});

describe('durations', () => {
  it('parses single-unit durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('1h30m')).toBeUndefined();
    expect(parseDuration('10')).toBeUndefined();
    expect(parseDuration('01s')).toBeUndefined();
  });

  it('enforces units and bounds', () => {
    const d = duration({ units: ['s', 'm'], minMs: 1000, maxMs: 600_000 });
    expect(messages(d, '500ms')).toMatch(/one unit \(s, m\)/);
    expect(messages(d, '0s')).toMatch(/at least 1s/);
    expect(messages(d, '11m')).toMatch(/at most 10m/);
    expect(messages(d, '10 s')).toMatch(/Invalid format/);
    expect(valueOf(safeParseWith(d, '10s'))).toBe('10s');
  });
});

describe('Kubernetes quantities', () => {
  it.each([
    ['100m', 0.1],
    ['1', 1],
    ['0.5', 0.5],
    ['2.250', 2.25],
  ])('cpu %s = %d cores', (q, cores) => {
    expect(parseCpuQuantity(q)).toBeCloseTo(cores);
    valueOf(safeParseWith(cpuQuantity(), q));
  });

  it.each(['100 m', '1.2345', '-1', 'm', '0m', '1e3', '100Mi'])(
    'rejects cpu %j',
    q => {
      expect(issuesOf(safeParseWith(cpuQuantity(), q)).length).toBeGreaterThan(
        0,
      );
    },
  );

  it.each([
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['512M', 512e6],
    ['1000', 1000],
    ['1.5Gi', 1.5 * 2 ** 30],
  ])('memory %s', (q, bytes) => {
    expect(parseMemoryQuantity(q)).toBe(bytes);
    valueOf(safeParseWith(memoryQuantity(), q));
  });

  it.each(['128mi', '128MB', '128m', 'Gi', '1 Gi'])('rejects memory %j', q => {
    expect(messages(memoryQuantity(), q)).toMatch(/Kubernetes memory quantity/);
  });
});

describe('IPv4 CIDR', () => {
  it('parses, compares and checks alignment', () => {
    const vpc = parseCidr('10.0.0.0/16')!;
    expect(vpc.size).toBe(65536);
    expect(cidrContains(vpc, parseCidr('10.0.32.0/19')!)).toBe(true);
    expect(cidrContains(vpc, parseCidr('10.1.0.0/24')!)).toBe(false);
    expect(
      cidrOverlaps(parseCidr('10.0.0.0/19')!, parseCidr('10.0.16.0/20')!),
    ).toBe(true);
    expect(
      cidrOverlaps(parseCidr('10.0.0.0/19')!, parseCidr('10.0.32.0/19')!),
    ).toBe(false);
    expect(parseCidr('10.0.0.0')).toBeUndefined();
    expect(parseCidr('256.0.0.0/8')).toBeUndefined();
  });

  it('rejects host bits and out-of-range prefixes with a suggestion', () => {
    expect(messages(ipv4Cidr(), '10.0.0.1/16')).toMatch(
      /did you mean "10\.0\.0\.0\/16"/,
    );
    expect(
      messages(ipv4Cidr({ minPrefix: 16, maxPrefix: 24 }), '10.0.0.0/8'),
    ).toMatch(/between \/16 and \/24/);
    expect(messages(ipv4Cidr(), '10.0.0.0/33')).toMatch(/IPv4 CIDR block/);
  });
});

describe('semver', () => {
  it.each(['0.1.0', '1.2.3-rc.1', '1.0.0+build.5', '10.20.30'])(
    'accepts %s',
    v => {
      valueOf(safeParseWith(semver(), v));
    },
  );
  it.each(['v1.0.0', '1.0', '01.0.0', '1.0.0-', 'latest'])('rejects %s', v => {
    expect(messages(semver(), v)).toMatch(/SemVer 2/);
  });
});

describe('httpUrl', () => {
  it('requires https where asked', () => {
    expect(
      messages(
        httpUrl({ requireHttps: 'always' }),
        'http://logs.example.com/push',
      ),
    ).toMatch(/https/);
  });
  it('allows plain http only in-cluster for credential-bearing endpoints', () => {
    const u = httpUrl({ requireHttps: 'external' });
    valueOf(safeParseWith(u, 'http://otel-collector.monitoring.svc:4318'));
    valueOf(safeParseWith(u, 'http://collector:4318'));
    expect(messages(u, 'http://collector.example.com:4318')).toMatch(
      /only allowed for in-cluster/,
    );
  });
  it.each([
    ['ftp://x.example.com', /scheme must be https or http/],
    ['example.com/path', /absolute URL/],
    ['https://user:pw@example.com', /credentials/],
    ['https://example.com/#frag', /fragment/],
    ['https://exa mple.com', /spaces/],
    ['https://ingest.<realm>.signalfx.com/v2/otlp', /placeholders/],
    ['https://example.com/a/../../etc', /path traversal/],
  ])('rejects %s', (url, message) => {
    expect(messages(httpUrl({ requireHttps: 'never' }), url)).toMatch(message);
  });
});

describe('intOrPercent and numericString normalization', () => {
  it('normalizes int-or-percent', () => {
    const s = intOrPercent('minAvailable');
    expect(valueOf(safeParseWith(s, '1'))).toBe(1);
    expect(valueOf(safeParseWith(s, 2))).toBe(2);
    expect(valueOf(safeParseWith(s, '50%'))).toBe('50%');
    expect(valueOf(safeParseWith(s, ''))).toBeUndefined();
    expect(messages(s, '150%')).toMatch(/at most 100%/);
    expect(messages(s, 'one')).toMatch(/whole number/);
    expect(messages(s, true)).toMatch(
      /Expected a number or a string, received a boolean/,
    );
  });
  it('normalizes numbers to decimal strings', () => {
    const s = numericString('a threshold');
    expect(valueOf(safeParseWith(s, 0.05))).toBe('0.05');
    expect(valueOf(safeParseWith(s, '0.05'))).toBe('0.05');
    expect(messages(s, '-1')).toMatch(/non-negative decimal/);
  });
});
