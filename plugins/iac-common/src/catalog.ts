/*
 * Cloud catalog: plain data for the frontend pickers and the schema defaults.
 * Suggestions, not limits: the schemas validate formats, so a region or size
 * missing here is still accepted. Review the Kubernetes versions each quarter
 * (EKS, AKS and GKE each support roughly the last three or four minors).
 */

/** The clouds of the contract. */
export const CLOUDS = ['aws', 'azure', 'gcp'] as const;
/** A cloud of the contract. */
export type Cloud = (typeof CLOUDS)[number];

/** A region / location option. */
export interface CatalogRegion {
  id: string;
  label: string;
  /**
   * Availability zones offered for node pools (Azure: "1", "2", "3"); absent
   * where the region has none or the catalog does not say.
   */
  zones?: readonly string[];
}

/** A node size option (instance type / VM size / machine type). */
export interface CatalogNodeSize {
  id: string;
  vcpu: number;
  memory_gib: number;
  architecture: 'x86_64' | 'arm64';
  label: string;
}

/** Everything the frontend needs to offer pickers for one cloud. */
export interface CloudCatalogEntry {
  cloud: Cloud;
  /** Short product label, e.g. "AWS EKS". */
  label: string;
  provider: string;
  service: string;
  /** terraform_context field holding the region. */
  region_field: 'aws_region' | 'location' | 'gcp_region';
  /** terraform_context field holding the node size. */
  node_size_field: 'node_pool_instance_type' | 'vm_size' | 'machine_type';
  default_region: string;
  regions: readonly CatalogRegion[];
  default_node_size: string;
  node_sizes: readonly CatalogNodeSize[];
  default_kubernetes_version: string;
  /** Newest first. */
  kubernetes_versions: readonly string[];
}

/** Zones of an Azure region with availability zones. */
const AZURE_ZONES = ['1', '2', '3'] as const;

const KUBERNETES_VERSIONS = ['1.35', '1.34', '1.33', '1.32'] as const;
const DEFAULT_KUBERNETES_VERSION = '1.34';

const size = (
  id: string,
  vcpu: number,
  memory_gib: number,
  architecture: 'x86_64' | 'arm64',
  note = '',
): CatalogNodeSize => ({
  id,
  vcpu,
  memory_gib,
  architecture,
  label: `${id} (${vcpu} vCPU, ${memory_gib} GiB${
    architecture === 'arm64' ? ', arm64' : ''
  }${note ? `, ${note}` : ''})`,
});

/** The catalog, per cloud. */
export const CLOUD_CATALOG: Readonly<Record<Cloud, CloudCatalogEntry>> = {
  aws: {
    cloud: 'aws',
    label: 'AWS EKS',
    provider: 'Amazon Web Services',
    service: 'Elastic Kubernetes Service',
    region_field: 'aws_region',
    node_size_field: 'node_pool_instance_type',
    default_region: 'us-east-1',
    regions: [
      { id: 'us-east-1', label: 'US East (N. Virginia)' },
      { id: 'us-east-2', label: 'US East (Ohio)' },
      { id: 'us-west-1', label: 'US West (N. California)' },
      { id: 'us-west-2', label: 'US West (Oregon)' },
      { id: 'ca-central-1', label: 'Canada (Central)' },
      { id: 'ca-west-1', label: 'Canada West (Calgary)' },
      { id: 'mx-central-1', label: 'Mexico (Central)' },
      { id: 'sa-east-1', label: 'South America (São Paulo)' },
      { id: 'eu-west-1', label: 'Europe (Ireland)' },
      { id: 'eu-west-2', label: 'Europe (London)' },
      { id: 'eu-west-3', label: 'Europe (Paris)' },
      { id: 'eu-central-1', label: 'Europe (Frankfurt)' },
      { id: 'eu-central-2', label: 'Europe (Zurich)' },
      { id: 'eu-north-1', label: 'Europe (Stockholm)' },
      { id: 'eu-south-1', label: 'Europe (Milan)' },
      { id: 'eu-south-2', label: 'Europe (Spain)' },
      { id: 'il-central-1', label: 'Israel (Tel Aviv)' },
      { id: 'me-south-1', label: 'Middle East (Bahrain)' },
      { id: 'me-central-1', label: 'Middle East (UAE)' },
      { id: 'af-south-1', label: 'Africa (Cape Town)' },
      { id: 'ap-south-1', label: 'Asia Pacific (Mumbai)' },
      { id: 'ap-south-2', label: 'Asia Pacific (Hyderabad)' },
      { id: 'ap-east-1', label: 'Asia Pacific (Hong Kong)' },
      { id: 'ap-northeast-1', label: 'Asia Pacific (Tokyo)' },
      { id: 'ap-northeast-2', label: 'Asia Pacific (Seoul)' },
      { id: 'ap-northeast-3', label: 'Asia Pacific (Osaka)' },
      { id: 'ap-southeast-1', label: 'Asia Pacific (Singapore)' },
      { id: 'ap-southeast-2', label: 'Asia Pacific (Sydney)' },
      { id: 'ap-southeast-3', label: 'Asia Pacific (Jakarta)' },
      { id: 'ap-southeast-4', label: 'Asia Pacific (Melbourne)' },
      { id: 'ap-southeast-5', label: 'Asia Pacific (Malaysia)' },
      { id: 'ap-southeast-7', label: 'Asia Pacific (Thailand)' },
    ],
    default_node_size: 'm6i.large',
    node_sizes: [
      size('t3.large', 2, 8, 'x86_64', 'burstable, dev only'),
      size('m6i.large', 2, 8, 'x86_64'),
      size('m6i.xlarge', 4, 16, 'x86_64'),
      size('m6i.2xlarge', 8, 32, 'x86_64'),
      size('m7i.large', 2, 8, 'x86_64'),
      size('m7i.xlarge', 4, 16, 'x86_64'),
      size('c6i.xlarge', 4, 8, 'x86_64', 'compute optimized'),
      size('r6i.large', 2, 16, 'x86_64', 'memory optimized'),
      size('m7g.large', 2, 8, 'arm64', 'Graviton'),
      size('m7g.xlarge', 4, 16, 'arm64', 'Graviton'),
    ],
    default_kubernetes_version: DEFAULT_KUBERNETES_VERSION,
    kubernetes_versions: KUBERNETES_VERSIONS,
  },
  azure: {
    cloud: 'azure',
    label: 'Azure AKS',
    provider: 'Microsoft Azure',
    service: 'Azure Kubernetes Service',
    region_field: 'location',
    node_size_field: 'vm_size',
    default_region: 'eastus',
    regions: [
      { id: 'eastus', label: 'East US', zones: AZURE_ZONES },
      { id: 'eastus2', label: 'East US 2', zones: AZURE_ZONES },
      { id: 'centralus', label: 'Central US', zones: AZURE_ZONES },
      { id: 'northcentralus', label: 'North Central US' },
      { id: 'southcentralus', label: 'South Central US', zones: AZURE_ZONES },
      { id: 'westus', label: 'West US' },
      { id: 'westus2', label: 'West US 2', zones: AZURE_ZONES },
      { id: 'westus3', label: 'West US 3', zones: AZURE_ZONES },
      { id: 'westcentralus', label: 'West Central US' },
      { id: 'canadacentral', label: 'Canada Central', zones: AZURE_ZONES },
      { id: 'canadaeast', label: 'Canada East' },
      { id: 'brazilsouth', label: 'Brazil South', zones: AZURE_ZONES },
      { id: 'northeurope', label: 'North Europe', zones: AZURE_ZONES },
      { id: 'westeurope', label: 'West Europe', zones: AZURE_ZONES },
      { id: 'uksouth', label: 'UK South', zones: AZURE_ZONES },
      { id: 'ukwest', label: 'UK West' },
      { id: 'francecentral', label: 'France Central', zones: AZURE_ZONES },
      {
        id: 'germanywestcentral',
        label: 'Germany West Central',
        zones: AZURE_ZONES,
      },
      {
        id: 'switzerlandnorth',
        label: 'Switzerland North',
        zones: AZURE_ZONES,
      },
      { id: 'norwayeast', label: 'Norway East', zones: AZURE_ZONES },
      { id: 'swedencentral', label: 'Sweden Central', zones: AZURE_ZONES },
      { id: 'polandcentral', label: 'Poland Central', zones: AZURE_ZONES },
      { id: 'italynorth', label: 'Italy North', zones: AZURE_ZONES },
      { id: 'spaincentral', label: 'Spain Central', zones: AZURE_ZONES },
      { id: 'uaenorth', label: 'UAE North', zones: AZURE_ZONES },
      { id: 'qatarcentral', label: 'Qatar Central', zones: AZURE_ZONES },
      { id: 'israelcentral', label: 'Israel Central', zones: AZURE_ZONES },
      {
        id: 'southafricanorth',
        label: 'South Africa North',
        zones: AZURE_ZONES,
      },
      { id: 'centralindia', label: 'Central India', zones: AZURE_ZONES },
      { id: 'southindia', label: 'South India' },
      { id: 'japaneast', label: 'Japan East', zones: AZURE_ZONES },
      { id: 'japanwest', label: 'Japan West' },
      { id: 'koreacentral', label: 'Korea Central', zones: AZURE_ZONES },
      { id: 'eastasia', label: 'East Asia', zones: AZURE_ZONES },
      { id: 'southeastasia', label: 'Southeast Asia', zones: AZURE_ZONES },
      { id: 'australiaeast', label: 'Australia East', zones: AZURE_ZONES },
      { id: 'australiasoutheast', label: 'Australia Southeast' },
    ],
    default_node_size: 'Standard_D4s_v5',
    node_sizes: [
      size('Standard_D2s_v5', 2, 8, 'x86_64'),
      size('Standard_D4s_v5', 4, 16, 'x86_64'),
      size('Standard_D8s_v5', 8, 32, 'x86_64'),
      size('Standard_D4as_v5', 4, 16, 'x86_64', 'AMD'),
      size('Standard_D4ds_v5', 4, 16, 'x86_64', 'local temp disk'),
      size('Standard_E4s_v5', 4, 32, 'x86_64', 'memory optimized'),
      size('Standard_F4s_v2', 4, 8, 'x86_64', 'compute optimized'),
      size('Standard_D4ps_v5', 4, 16, 'arm64', 'Ampere'),
    ],
    default_kubernetes_version: DEFAULT_KUBERNETES_VERSION,
    kubernetes_versions: KUBERNETES_VERSIONS,
  },
  gcp: {
    cloud: 'gcp',
    label: 'GCP GKE',
    provider: 'Google Cloud',
    service: 'Google Kubernetes Engine',
    region_field: 'gcp_region',
    node_size_field: 'machine_type',
    default_region: 'us-central1',
    regions: [
      { id: 'us-central1', label: 'Iowa (us-central1)' },
      { id: 'us-east1', label: 'South Carolina (us-east1)' },
      { id: 'us-east4', label: 'Northern Virginia (us-east4)' },
      { id: 'us-east5', label: 'Columbus (us-east5)' },
      { id: 'us-south1', label: 'Dallas (us-south1)' },
      { id: 'us-west1', label: 'Oregon (us-west1)' },
      { id: 'us-west2', label: 'Los Angeles (us-west2)' },
      { id: 'us-west3', label: 'Salt Lake City (us-west3)' },
      { id: 'us-west4', label: 'Las Vegas (us-west4)' },
      {
        id: 'northamerica-northeast1',
        label: 'Montréal (northamerica-northeast1)',
      },
      {
        id: 'northamerica-northeast2',
        label: 'Toronto (northamerica-northeast2)',
      },
      { id: 'southamerica-east1', label: 'São Paulo (southamerica-east1)' },
      { id: 'southamerica-west1', label: 'Santiago (southamerica-west1)' },
      { id: 'europe-west1', label: 'Belgium (europe-west1)' },
      { id: 'europe-west2', label: 'London (europe-west2)' },
      { id: 'europe-west3', label: 'Frankfurt (europe-west3)' },
      { id: 'europe-west4', label: 'Netherlands (europe-west4)' },
      { id: 'europe-west6', label: 'Zurich (europe-west6)' },
      { id: 'europe-west8', label: 'Milan (europe-west8)' },
      { id: 'europe-west9', label: 'Paris (europe-west9)' },
      { id: 'europe-west10', label: 'Berlin (europe-west10)' },
      { id: 'europe-west12', label: 'Turin (europe-west12)' },
      { id: 'europe-north1', label: 'Finland (europe-north1)' },
      { id: 'europe-central2', label: 'Warsaw (europe-central2)' },
      { id: 'europe-southwest1', label: 'Madrid (europe-southwest1)' },
      { id: 'me-west1', label: 'Tel Aviv (me-west1)' },
      { id: 'me-central1', label: 'Doha (me-central1)' },
      { id: 'me-central2', label: 'Dammam (me-central2)' },
      { id: 'africa-south1', label: 'Johannesburg (africa-south1)' },
      { id: 'asia-east1', label: 'Taiwan (asia-east1)' },
      { id: 'asia-east2', label: 'Hong Kong (asia-east2)' },
      { id: 'asia-northeast1', label: 'Tokyo (asia-northeast1)' },
      { id: 'asia-northeast2', label: 'Osaka (asia-northeast2)' },
      { id: 'asia-northeast3', label: 'Seoul (asia-northeast3)' },
      { id: 'asia-south1', label: 'Mumbai (asia-south1)' },
      { id: 'asia-south2', label: 'Delhi (asia-south2)' },
      { id: 'asia-southeast1', label: 'Singapore (asia-southeast1)' },
      { id: 'asia-southeast2', label: 'Jakarta (asia-southeast2)' },
      { id: 'australia-southeast1', label: 'Sydney (australia-southeast1)' },
      { id: 'australia-southeast2', label: 'Melbourne (australia-southeast2)' },
    ],
    default_node_size: 'e2-standard-4',
    node_sizes: [
      size('e2-standard-2', 2, 8, 'x86_64'),
      size('e2-standard-4', 4, 16, 'x86_64'),
      size('e2-standard-8', 8, 32, 'x86_64'),
      size('n2-standard-4', 4, 16, 'x86_64'),
      size('n2d-standard-4', 4, 16, 'x86_64', 'AMD'),
      size('c3-standard-4', 4, 16, 'x86_64', 'compute optimized'),
      size('n2-highmem-4', 4, 32, 'x86_64', 'memory optimized'),
      size('t2a-standard-4', 4, 16, 'arm64', 'Ampere'),
    ],
    default_kubernetes_version: DEFAULT_KUBERNETES_VERSION,
    kubernetes_versions: KUBERNETES_VERSIONS,
  },
};

/**
 * CPU architecture of an EC2 instance type (Graviton families carry a "g"
 * after the generation digit: m7g, c7gn, r8g, t4g). Lets templates pick a
 * matching EKS AMI type.
 */
export function awsInstanceArchitecture(
  instanceType: string,
): 'x86_64' | 'arm64' {
  return /^[a-z]+[0-9]+g[a-z-]*\./.test(instanceType) ? 'arm64' : 'x86_64';
}
