/* terraform_context: network, endpoint access, tags, state backend names and unknown keys (the rest is in terraform.test.ts). */
import { parseTerraformPayload } from './index';
import { expectIssue, issuesOf, valueOf } from './__fixtures__/helpers';
import { MINIMAL_TERRAFORM_CONTEXT } from './seedExamples';

type CloudName = 'aws' | 'azure' | 'gcp';
const tf = (cloud: CloudName, overrides: Record<string, unknown> = {}) =>
  parseTerraformPayload({
    cloud,
    terraform_context: { ...MINIMAL_TERRAFORM_CONTEXT[cloud], ...overrides },
  });
const CLOUDS: CloudName[] = ['aws', 'azure', 'gcp'];

describe('network', () => {
  it('AWS subnets must lie inside the VPC, not overlap, and pair up', () => {
    expectIssue(
      tf('aws', {
        private_subnet_cidrs: ['10.0.0.0/19', '10.1.0.0/19', '10.0.64.0/19'],
      }),
      'terraform_context.private_subnet_cidrs[1]',
      '10.1.0.0/19 must lie inside vpc_cidr (10.0.0.0/16)',
    );
    expectIssue(
      tf('aws', {
        public_subnet_cidrs: ['10.0.0.0/22', '10.0.100.0/22', '10.0.104.0/22'],
      }),
      'terraform_context.public_subnet_cidrs[0]',
      /overlaps private_subnet_cidrs\[0\] \(10\.0\.0\.0\/19\)/,
    );
    expectIssue(
      tf('aws', { public_subnet_cidrs: ['10.0.96.0/22', '10.0.100.0/22'] }),
      'terraform_context.public_subnet_cidrs',
      /one public subnet per private subnet \(3\)/,
    );
    expectIssue(
      tf('aws', { private_subnet_cidrs: ['10.0.0.0/19'] }),
      'terraform_context.private_subnet_cidrs',
      'Must contain at least 2 items',
    );
    expectIssue(
      tf('aws', { vpc_cidr: '10.0.0.0/8' }),
      'terraform_context.vpc_cidr',
      /between \/16 and \/24/,
    );
  });
  it('AWS existing VPC needs its subnets (and vice versa)', () => {
    expectIssue(
      tf('aws', { existing_vpc_id: 'vpc-0123456789abcdef0' }),
      'terraform_context.existing_private_subnet_ids',
      /Required when existing_vpc_id is set/,
    );
    expectIssue(
      tf('aws', {
        existing_private_subnet_ids: ['subnet-01234567', 'subnet-89abcdef'],
      }),
      'terraform_context.existing_vpc_id',
      /Required/,
    );
    expectIssue(
      tf('aws', {
        existing_vpc_id: 'vpc-0123456789abcdef0',
        existing_private_subnet_ids: ['subnet-01234567', 'subnet-01234567'],
      }),
      'terraform_context.existing_private_subnet_ids[1]',
      /Duplicate subnet id/,
    );
    valueOf(
      tf('aws', {
        existing_vpc_id: 'vpc-0123456789abcdef0',
        existing_private_subnet_ids: ['subnet-01234567', 'subnet-89abcdef'],
      }),
    );
    expectIssue(
      tf('aws', { existing_vpc_id: 'vpc-XYZ' }),
      'terraform_context.existing_vpc_id',
      /VPC id/,
    );
  });
  it('Azure ranges must be disjoint and the DNS IP inside service_cidr', () => {
    expectIssue(
      tf('azure', { node_subnet_cidr: '10.11.0.0/20' }),
      'terraform_context.node_subnet_cidr',
      /must lie inside vnet_cidr/,
    );
    expectIssue(
      tf('azure', { pod_cidr: '10.10.128.0/17' }),
      'terraform_context.pod_cidr',
      /overlaps vnet_cidr/,
    );
    expectIssue(
      tf('azure', {
        service_cidr: '192.168.0.0/20',
        dns_service_ip: '192.168.0.10',
      }),
      'terraform_context.service_cidr',
      /overlaps pod_cidr/,
    );
    expectIssue(
      tf('azure', { dns_service_ip: '10.0.0.10' }),
      'terraform_context.dns_service_ip',
      /must lie inside service_cidr/,
    );
    expectIssue(
      tf('azure', { dns_service_ip: '172.16.0.1' }),
      'terraform_context.dns_service_ip',
      /reserved/,
    );
    valueOf(
      tf('azure', {
        existing_subnet_id:
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/aks',
      }),
    );
  });
  it('GCP ranges must be disjoint; existing network needs all four names', () => {
    expectIssue(
      tf('gcp', { pods_secondary_cidr: '10.20.0.0/14' }),
      'terraform_context.pods_secondary_cidr',
      /overlaps subnet_cidr/,
    );
    expectIssue(
      tf('gcp', { master_ipv4_cidr_block: '172.16.0.0/24' }),
      'terraform_context.master_ipv4_cidr_block',
      /between \/28 and \/28/,
    );
    expectIssue(
      tf('gcp', { existing_network_name: 'shared-vpc' }),
      'terraform_context.existing_subnetwork_name',
      /set all of existing_network_name/,
    );
    valueOf(
      tf('gcp', {
        existing_network_name: 'shared-vpc',
        existing_subnetwork_name: 'gke-nodes',
        existing_pods_range_name: 'gke-pods',
        existing_services_range_name: 'gke-services',
      }),
    );
  });
});

describe('endpoint access', () => {
  it.each(CLOUDS)(
    '%s: public endpoint requires CIDRs and rejects 0.0.0.0/0',
    cloud => {
      expectIssue(
        tf(cloud, { endpoint_public_access: true }),
        'terraform_context.endpoint_public_access_cidrs',
        /Required when endpoint_public_access is true/,
      );
      expectIssue(
        tf(cloud, {
          endpoint_public_access: true,
          endpoint_public_access_cidrs: ['203.0.113.0/24', '0.0.0.0/0'],
        }),
        'terraform_context.endpoint_public_access_cidrs[1]',
        /whole internet/,
      );
      expectIssue(
        tf(cloud, { endpoint_public_access_cidrs: ['203.0.113.0/24'] }),
        'terraform_context.endpoint_public_access_cidrs',
        /Only used when endpoint_public_access is true/,
      );
      valueOf(
        tf(cloud, {
          endpoint_public_access: true,
          endpoint_public_access_cidrs: ['203.0.113.0/24'],
        }),
      );
    },
  );
});

describe("tags follow each cloud's rules", () => {
  it('AWS', () => {
    valueOf(
      tf('aws', {
        tags: {
          team: 'payments',
          'cost-center': 'CC 1234',
          'app:tier': 'a/b=c+d@e',
        },
      }),
    );
    expect(
      issuesOf(tf('aws', { tags: { 'aws:owner': 'x' } })).some(
        i => i.path === 'terraform_context.tags["aws:owner"]',
      ),
    ).toBe(true);
    expectIssue(
      tf('aws', { tags: { team: 'a;b' } }),
      'terraform_context.tags.team',
      /AWS tag value/,
    );
    expectIssue(
      tf('aws', { tags: { team: 'x'.repeat(257) } }),
      'terraform_context.tags.team',
      /at most 256/,
    );
    const many = Object.fromEntries(
      Array.from({ length: 46 }, (_, i) => [`k${i}`, 'v']),
    );
    expectIssue(
      tf('aws', { tags: many }),
      'terraform_context.tags',
      /At most 45 tags/,
    );
  });
  it('Azure', () => {
    valueOf(
      tf('azure', {
        tags: { 'Cost Center': '1234', team: 'payments & billing' },
      }),
    );
    expect(
      issuesOf(tf('azure', { tags: { 'a/b': 'x' } })).some(
        i => i.path === 'terraform_context.tags["a/b"]',
      ),
    ).toBe(true);
  });
  it('GCP labels', () => {
    valueOf(
      tf('gcp', { tags: { team: 'payments', 'cost-center': 'cc_1234' } }),
    );
    expect(
      issuesOf(tf('gcp', { tags: { Team: 'x' } })).some(
        i => i.path === 'terraform_context.tags.Team',
      ),
    ).toBe(true);
    expectIssue(
      tf('gcp', { tags: { team: 'Payments' } }),
      'terraform_context.tags.team',
      /GCP label value/,
    );
  });
});

describe('state backend names', () => {
  it.each([
    ['aws', { state_bucket: 'Bad_Bucket' }, 'state_bucket'],
    ['aws', { state_bucket: 'a..b' }, 'state_bucket'],
    ['aws', { state_key: '/abs/path.tfstate' }, 'state_key'],
    ['aws', { state_key: 'a/../../b' }, 'state_key'],
    [
      'azure',
      { state_storage_account_name: 'st-platform' },
      'state_storage_account_name',
    ],
    ['azure', { state_container_name: 'tf--state' }, 'state_container_name'],
    ['gcp', { state_bucket: 'goog-tfstate' }, 'state_bucket'],
    ['gcp', { state_prefix: '../x' }, 'state_prefix'],
  ] as const)('%s rejects %j', (cloud, overrides, field) => {
    const issues = issuesOf(tf(cloud, overrides)).filter(
      i => i.path === `terraform_context.${field}`,
    );
    expect(issues.length).toBeGreaterThan(0);
  });
});

describe('unknown keys name the cloud the field belongs to', () => {
  it.each([
    [
      'aws',
      'vm_size',
      'only valid when cloud is "azure"; for aws use "node_pool_instance_type"',
    ],
    [
      'aws',
      'location',
      'only valid when cloud is "azure"; for aws use "aws_region"',
    ],
    [
      'azure',
      'machine_type',
      'only valid when cloud is "gcp"; for azure use "vm_size"',
    ],
    [
      'gcp',
      'aws_region',
      'only valid when cloud is "aws"; for gcp use "gcp_region"',
    ],
    ['gcp', 'patch_day_of_week', 'only valid when cloud is "azure"'],
    ['azure', 'state_prefix', 'only valid when cloud is "gcp"'],
    ['aws', 'state_container_name', 'only valid when cloud is "azure"'],
  ] as const)('%s + %s', (cloud, key, hint) => {
    expectIssue(tf(cloud, { [key]: 'x' }), `terraform_context.${key}`, hint);
  });
});
