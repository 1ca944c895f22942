import {
  parseTerraformContext,
  parseTerraformPayload,
  rruleProblem,
} from './index';
import { expectIssue, issuesOf, valueOf } from './__fixtures__/helpers';
import { MINIMAL_TERRAFORM_CONTEXT } from './seedExamples';

type CloudName = 'aws' | 'azure' | 'gcp';
const tf = (cloud: CloudName, overrides: Record<string, unknown> = {}) =>
  parseTerraformPayload({
    cloud,
    terraform_context: { ...MINIMAL_TERRAFORM_CONTEXT[cloud], ...overrides },
  });
const CLOUDS: CloudName[] = ['aws', 'azure', 'gcp'];

describe('defaults', () => {
  it('aws minimal context gets every default, including derived state settings', () => {
    const v = valueOf(
      parseTerraformContext('aws', MINIMAL_TERRAFORM_CONTEXT.aws),
    );
    expect(v).toMatchObject({
      environment: 'dev',
      kubernetes_version: '1.34',
      node_pool_min_size: 1,
      node_pool_desired_size: 2,
      node_pool_max_size: 3,
      node_pool_max_unavailable: 1,
      node_pool_instance_type: 'm6i.large',
      cluster_autoscaling_enabled: true,
      cluster_autoscaler_scan_interval: '10s',
      cluster_autoscaler_scale_down_utilization_threshold: 0.5,
      vpc_cidr: '10.0.0.0/16',
      endpoint_public_access: false,
      endpoint_public_access_cidrs: [],
      tags: {},
      state_bucket: 'tfstate-platform-dev-us-east-1',
      state_key: 'platform/dev/platform-eks/terraform.tfstate',
      state_region: 'us-east-1',
      terraform_version: '1.10.5',
    });
  });

  it('azure derives the azurerm backend settings', () => {
    const v = valueOf(
      parseTerraformContext('azure', MINIMAL_TERRAFORM_CONTEXT.azure),
    );
    expect(v).toMatchObject({
      vm_size: 'Standard_D4s_v5',
      patch_day_of_week: 'Sunday',
      patch_start_hour_utc: 2,
      automatic_upgrade_channel: 'patch',
      state_resource_group_name: 'rg-platform-tfstate',
      state_storage_account_name: 'stplatformdevtf',
      state_container_name: 'tfstate',
      state_key: 'platform/dev/platform-aks.tfstate',
    });
  });

  it('gcp derives the gcs backend settings', () => {
    const v = valueOf(
      parseTerraformContext('gcp', MINIMAL_TERRAFORM_CONTEXT.gcp),
    );
    expect(v).toMatchObject({
      machine_type: 'e2-standard-4',
      patch_window_recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU',
      cluster_autoscaling_profile: 'BALANCED',
      release_channel: 'REGULAR',
      state_bucket: 'acme-platform-dev-tfstate',
      state_prefix: 'platform/dev/platform-gke',
    });
  });

  it('explicit state settings win over derived ones', () => {
    const v = valueOf(
      parseTerraformContext('aws', {
        ...MINIMAL_TERRAFORM_CONTEXT.aws,
        state_bucket: 'acme-tfstate',
        state_key: 'eks/terraform.tfstate',
        state_region: 'eu-west-1',
      }),
    );
    expect([v.state_bucket, v.state_key, v.state_region]).toEqual([
      'acme-tfstate',
      'eks/terraform.tfstate',
      'eu-west-1',
    ]);
  });

  it('derived S3 bucket names stay within 63 characters', () => {
    const v = valueOf(
      parseTerraformContext('aws', {
        ...MINIMAL_TERRAFORM_CONTEXT.aws,
        project: 'a'.repeat(32),
        environment: 'b'.repeat(16),
        aws_region: 'ap-southeast-4',
      }),
    );
    expect(v.state_bucket.length).toBeLessThanOrEqual(63);
    expect(v.state_bucket).toMatch(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/);
  });
});

describe('required fields', () => {
  it.each([
    ['aws', ['project', 'aws_region', 'cluster_name']],
    ['azure', ['project', 'location', 'resource_group_name', 'cluster_name']],
    ['gcp', ['project', 'gcp_project_id', 'gcp_region', 'cluster_name']],
  ] as const)('%s', (cloud, fields) => {
    const issues = issuesOf(
      parseTerraformPayload({ cloud, terraform_context: {} }),
    );
    for (const f of fields) {
      expect(issues).toContainEqual({
        path: `terraform_context.${f}`,
        message: 'Required field is missing (expected a string)',
      });
    }
  });
});

describe('node pool bounds', () => {
  it.each(CLOUDS)('%s: min > max', cloud => {
    expectIssue(
      tf(cloud, { node_pool_min_size: 5, node_pool_max_size: 3 }),
      'terraform_context.node_pool_min_size',
      'node_pool_min_size (5) must not be greater than node_pool_max_size (3)',
    );
  });
  it.each(CLOUDS)('%s: desired outside [min, max]', cloud => {
    expectIssue(
      tf(cloud, { node_pool_desired_size: 9 }),
      'terraform_context.node_pool_desired_size',
      'node_pool_desired_size (9) must lie between node_pool_min_size (1) and node_pool_max_size (3)',
    );
  });
  it('rejects out-of-range and non-integer sizes', () => {
    expectIssue(
      tf('aws', { node_pool_max_size: 1001 }),
      'terraform_context.node_pool_max_size',
      'Must be at most 1000 (got 1001)',
    );
    expectIssue(
      tf('aws', { node_pool_min_size: 1.5 }),
      'terraform_context.node_pool_min_size',
      'Expected a whole number, received a decimal number',
    );
    expectIssue(
      tf('aws', { node_pool_min_size: '1' }),
      'terraform_context.node_pool_min_size',
      'Expected a whole number, received a string',
    );
  });
  it('AKS system pool needs at least one node', () => {
    expectIssue(
      tf('azure', { node_pool_min_size: 0, node_pool_desired_size: 1 }),
      'terraform_context.node_pool_min_size',
      /system pool/,
    );
    valueOf(tf('aws', { node_pool_min_size: 0, node_pool_desired_size: 0 }));
  });
});

describe("cluster names follow each cloud's rules", () => {
  it.each([
    ['aws', 'Platform_EKS-1'],
    ['aws', 'x'.repeat(100)],
    ['azure', 'Platform_AKS'],
    ['gcp', 'platform-gke'],
  ] as const)('%s accepts %j', (cloud, name) => {
    valueOf(tf(cloud, { cluster_name: name }));
  });
  it.each([
    ['aws', 'x'.repeat(101)],
    ['aws', '-eks'],
    ['aws', 'eks.prod'],
    ['azure', 'aks-'],
    ['azure', 'x'.repeat(64)],
    ['gcp', 'Platform'],
    ['gcp', '1gke'],
    ['gcp', 'x'.repeat(41)],
    ['gcp', 'gke_1'],
  ] as const)('%s rejects %j', (cloud, name) => {
    expect(
      issuesOf(tf(cloud, { cluster_name: name })).map(i => i.path),
    ).toContain('terraform_context.cluster_name');
  });
  it('explains the allowed format', () => {
    expectIssue(
      tf('gcp', { cluster_name: 'Platform' }),
      'terraform_context.cluster_name',
      /GKE cluster name: 1-40 lowercase letters/,
    );
  });
});

describe('regions, versions, sizes', () => {
  it.each([
    ['aws', { aws_region: 'us-east' }, 'aws_region'],
    ['azure', { location: 'East US' }, 'location'],
    ['gcp', { gcp_region: 'us_central1' }, 'gcp_region'],
    ['gcp', { gcp_project_id: 'Acme' }, 'gcp_project_id'],
    ['aws', { kubernetes_version: '1.28' }, 'kubernetes_version'],
    ['aws', { kubernetes_version: '1.34.1' }, 'kubernetes_version'],
    ['aws', { node_pool_instance_type: 'large' }, 'node_pool_instance_type'],
    ['azure', { vm_size: 'D4s_v5' }, 'vm_size'],
    ['gcp', { machine_type: 'E2-standard-4' }, 'machine_type'],
    ['aws', { terraform_version: '1.9.8' }, 'terraform_version'],
    ['aws', { terraform_version: '2.0.0' }, 'terraform_version'],
    ['aws', { environment: 'Prod' }, 'environment'],
    ['aws', { project: 'p' }, 'project'],
  ] as const)('%s rejects %j', (cloud, overrides, field) => {
    expect(
      issuesOf(tf(cloud, overrides)).some(
        i => i.path === `terraform_context.${field}`,
      ),
    ).toBe(true);
  });
  it('accepts patch versions where the cloud does', () => {
    valueOf(tf('azure', { kubernetes_version: '1.33.2' }));
    valueOf(tf('gcp', { kubernetes_version: '1.33.5-gke.1080000' }));
  });
});

describe('autoscaler settings', () => {
  it('durations like 10s / 10m and a 0..1 threshold (number or string)', () => {
    const v = valueOf(
      parseTerraformContext('azure', {
        ...MINIMAL_TERRAFORM_CONTEXT.azure,
        cluster_autoscaler_scan_interval: '20s',
        cluster_autoscaler_scale_down_delay_after_add: '15m',
        cluster_autoscaler_scale_down_unneeded: '1h',
        cluster_autoscaler_scale_down_unready: '20m',
        cluster_autoscaler_scale_down_utilization_threshold: '0.65',
        cluster_autoscaler_max_graceful_termination_sec: 900,
      }),
    );
    expect(v.cluster_autoscaler_scale_down_utilization_threshold).toBe(0.65);
  });
  it.each([
    [
      { cluster_autoscaler_scan_interval: '10' },
      'cluster_autoscaler_scan_interval',
      /duration/,
    ],
    [
      { cluster_autoscaler_scale_down_unneeded: '10 minutes' },
      'cluster_autoscaler_scale_down_unneeded',
      /duration/,
    ],
    [
      { cluster_autoscaler_scale_down_utilization_threshold: 1.5 },
      'cluster_autoscaler_scale_down_utilization_threshold',
      /at most 1/,
    ],
    [
      { cluster_autoscaler_scale_down_utilization_threshold: '2' },
      'cluster_autoscaler_scale_down_utilization_threshold',
      /between 0 and 1/,
    ],
  ])('rejects %j', (overrides, field, message) => {
    expectIssue(tf('azure', overrides), `terraform_context.${field}`, message);
  });
  it('GKE profile is BALANCED or OPTIMIZE_UTILIZATION', () => {
    valueOf(tf('gcp', { cluster_autoscaling_profile: 'OPTIMIZE_UTILIZATION' }));
    expectIssue(
      tf('gcp', { cluster_autoscaling_profile: 'FAST' }),
      'terraform_context.cluster_autoscaling_profile',
      'Must be one of "BALANCED", "OPTIMIZE_UTILIZATION"',
    );
  });
});

describe('patch windows', () => {
  it('AKS day and hour', () => {
    valueOf(
      tf('azure', { patch_day_of_week: 'Saturday', patch_start_hour_utc: 23 }),
    );
    expectIssue(
      tf('azure', { patch_day_of_week: 'sunday' }),
      'terraform_context.patch_day_of_week',
      /Must be one of "Monday"/,
    );
    expectIssue(
      tf('azure', { patch_start_hour_utc: 24 }),
      'terraform_context.patch_start_hour_utc',
      'Must be at most 23',
    );
  });
  it('GKE window must end after its start and last at least 4 hours', () => {
    expectIssue(
      tf('gcp', {
        patch_window_start: '2025-01-04T08:00:00Z',
        patch_window_end: '2025-01-04T02:00:00Z',
      }),
      'terraform_context.patch_window_end',
      'Must be after patch_window_start',
    );
    expectIssue(
      tf('gcp', {
        patch_window_start: '2025-01-04T02:00:00Z',
        patch_window_end: '2025-01-04T04:00:00Z',
      }),
      'terraform_context.patch_window_end',
      /at least 4 hours/,
    );
    expectIssue(
      tf('gcp', { patch_window_start: '2025-13-40T02:00:00Z' }),
      'terraform_context.patch_window_start',
      'Not a valid date/time',
    );
    expectIssue(
      tf('gcp', { patch_window_start: '2025-01-04 02:00' }),
      'terraform_context.patch_window_start',
      /RFC 3339/,
    );
  });
  it.each([
    'FREQ=WEEKLY;BYDAY=SA,SU',
    'FREQ=DAILY',
    'FREQ=MONTHLY;BYDAY=1SA',
    'FREQ=MONTHLY;BYMONTHDAY=1,15;INTERVAL=2',
  ])('RRULE %s is valid', rule => {
    expect(rruleProblem(rule)).toBeUndefined();
  });
  it.each([
    ['BYDAY=SA', /FREQ is required/],
    ['FREQ=HOURLY', /DAILY, WEEKLY or MONTHLY/],
    ['FREQ=WEEKLY;BYDAY=SAT', /BYDAY/],
    ['FREQ=WEEKLY;FREQ=DAILY', /appears twice/],
    ['FREQ=WEEKLY;BYHOUR=2', /unsupported part "BYHOUR"/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY/],
  ])('RRULE %s is invalid', (rule, problem) => {
    expect(rruleProblem(rule)).toMatch(problem);
  });
  it('reports an RRULE problem at patch_window_recurrence', () => {
    expectIssue(
      tf('gcp', { patch_window_recurrence: 'RRULE:FREQ=WEEKLY' }),
      'terraform_context.patch_window_recurrence',
      /RFC 5545 RRULE/,
    );
    expectIssue(
      tf('gcp', { patch_window_recurrence: 'FREQ=YEARLY' }),
      'terraform_context.patch_window_recurrence',
      /DAILY, WEEKLY or MONTHLY/,
    );
  });
});
