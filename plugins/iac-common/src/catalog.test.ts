import {
  awsInstanceArchitecture,
  CLOUD_CATALOG,
  CLOUDS,
  parseTerraformContext,
} from './index';
import { valueOf } from './__fixtures__/helpers';
import { MINIMAL_TERRAFORM_CONTEXT } from './seedExamples';

describe('cloud catalog', () => {
  it('has an entry per cloud with labels', () => {
    expect(Object.keys(CLOUD_CATALOG)).toEqual([...CLOUDS]);
    expect(CLOUD_CATALOG.aws.label).toBe('AWS EKS');
    expect(CLOUD_CATALOG.azure.label).toBe('Azure AKS');
    expect(CLOUD_CATALOG.gcp.label).toBe('GCP GKE');
  });

  it.each([...CLOUDS])(
    '%s: every region, node size and version passes the schema',
    cloud => {
      const entry = CLOUD_CATALOG[cloud];
      expect(entry.regions.map(r => r.id)).toContain(entry.default_region);
      expect(entry.node_sizes.map(s => s.id)).toContain(
        entry.default_node_size,
      );
      expect(entry.kubernetes_versions).toContain(
        entry.default_kubernetes_version,
      );
      expect(new Set(entry.regions.map(r => r.id)).size).toBe(
        entry.regions.length,
      );
      for (const region of entry.regions) {
        valueOf(
          parseTerraformContext(cloud, {
            ...MINIMAL_TERRAFORM_CONTEXT[cloud],
            [entry.region_field]: region.id,
          }),
        );
      }
      for (const size of entry.node_sizes) {
        valueOf(
          parseTerraformContext(cloud, {
            ...MINIMAL_TERRAFORM_CONTEXT[cloud],
            [entry.node_size_field]: size.id,
          }),
        );
      }
      for (const version of entry.kubernetes_versions) {
        valueOf(
          parseTerraformContext(cloud, {
            ...MINIMAL_TERRAFORM_CONTEXT[cloud],
            kubernetes_version: version,
          }),
        );
      }
      const parsed = valueOf(
        parseTerraformContext(cloud, MINIMAL_TERRAFORM_CONTEXT[cloud]),
      ) as Record<string, unknown>;
      expect(parsed[entry.node_size_field]).toBe(entry.default_node_size);
    },
  );

  it('knows Graviton instance types', () => {
    expect(awsInstanceArchitecture('m7g.large')).toBe('arm64');
    expect(awsInstanceArchitecture('c7gn.xlarge')).toBe('arm64');
    expect(awsInstanceArchitecture('t4g.small')).toBe('arm64');
    expect(awsInstanceArchitecture('m6i.large')).toBe('x86_64');
    expect(awsInstanceArchitecture('g5.xlarge')).toBe('x86_64');
    for (const size of CLOUD_CATALOG.aws.node_sizes) {
      expect(awsInstanceArchitecture(size.id)).toBe(size.architecture);
    }
  });
});
