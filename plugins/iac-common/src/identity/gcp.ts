import type { CloudIdentityTable, IdentityGrants } from './types';

const none: IdentityGrants = { plan: [], apply: [] };
const network: IdentityGrants = {
  plan: ['roles/compute.networkViewer'],
  apply: ['roles/compute.networkAdmin'],
};
const container: IdentityGrants = {
  plan: ['roles/container.viewer'],
  apply: ['roles/container.admin', 'roles/iam.serviceAccountUser'],
  note: "iam.serviceAccountUser: the node pools run as the stack's own service account.",
};

const kms: IdentityGrants = {
  plan: ['roles/cloudkms.viewer'],
  apply: ['roles/cloudkms.admin'],
};

/** GCP: predefined roles, granted on the project of the stack. */
export const GCP_IDENTITY: CloudIdentityTable = {
  cloud: 'gcp',
  grant: 'gcp-role',
  state: {
    plan: ['roles/storage.objectAdmin'],
    apply: ['roles/storage.objectAdmin'],
    note: 'On the state bucket only: plans write the lock object too.',
  },
  types: {
    'data.google_client_config': none,
    'data.google_project': {
      plan: ['roles/browser'],
      apply: ['roles/browser'],
      note: 'Reads the project number (the GKE service agent of database encryption).',
    },
    google_kms_key_ring: kms,
    google_kms_crypto_key: kms,
    google_kms_crypto_key_iam_member: {
      ...kms,
      note: 'Lets the GKE service agent encrypt and decrypt with the key (database encryption).',
    },
    google_project_service: {
      plan: ['roles/serviceusage.serviceUsageViewer'],
      apply: ['roles/serviceusage.serviceUsageAdmin'],
      note: 'The stack enables the APIs it uses.',
    },
    google_compute_network: network,
    google_compute_subnetwork: network,
    google_compute_router: network,
    google_compute_router_nat: network,
    google_container_cluster: container,
    google_container_node_pool: container,
    google_service_account: {
      plan: ['roles/iam.serviceAccountViewer'],
      apply: ['roles/iam.serviceAccountAdmin'],
    },
    google_service_account_iam_member: {
      plan: ['roles/iam.securityReviewer'],
      apply: ['roles/iam.serviceAccountAdmin'],
    },
    google_project_iam_member: {
      plan: ['roles/iam.securityReviewer'],
      apply: ['roles/resourcemanager.projectIamAdmin'],
    },
    helm_release: {
      plan: ['roles/container.viewer'],
      apply: ['roles/container.admin'],
      note: 'Inside the cluster: container.admin maps to cluster admin. Plans read the Helm release Secrets, which container.viewer does not include: with terraform_context.plan_identity (the service account email) the stack grants exactly get/list on Secrets in each release namespace through Kubernetes RBAC (helm_release.plan_access: Role + RoleBinding, subject User = the email).',
    },
  },
};
