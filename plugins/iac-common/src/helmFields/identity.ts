/*
 * helm_context: service account and cloud identity, probes, ingress and
 * the environment, with their rules.
 */
import { z } from 'zod';
import {
  dns1123Subdomain,
  envVarName,
  guid,
  hostname,
  port,
  qualifiedName,
  safeString,
  urlPath,
} from '../fields';
import { strictObject } from '../strict';
import type { HelmValues } from '../helm';
import { Ctx, issue } from './common';

/** helm_context fields: service account & cloud identity. */
export const serviceAccountCloudIdentityFields = {
  service_account_create: z
    .boolean()
    .default(true)
    .describe('Create a dedicated ServiceAccount for the workload.'),
  service_account_name: dns1123Subdomain()
    .optional()
    .describe(
      'ServiceAccount name. Default: the release full name. Required when service_account_create is false (an existing account).',
    ),
  service_account_automount_token: z
    .boolean()
    .default(false)
    .describe(
      'Mount the Kubernetes API token into the pods (only if the app calls the API).',
    ),
  service_account_annotations: z
    .record(
      qualifiedName(),
      safeString({ max: 1024, allowed: 'an annotation value' }).describe(
        'Annotation value.',
      ),
    )
    .default({})
    .describe(
      'Extra annotations on the created ServiceAccount. Prefer the explicit cloud identity fields below.',
    ),
  aws_iam_role_arn: safeString({
    min: 1,
    max: 2048,
    pattern: /^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_/-]+$/,
    allowed: 'an IAM role ARN such as "arn:aws:iam::123456789012:role/orders"',
  })
    .optional()
    .describe(
      'AWS only: IAM role for the workload via IRSA (annotation eks.amazonaws.com/role-arn).',
    ),
  azure_workload_identity_client_id: guid()
    .optional()
    .describe(
      'Azure only: client id of the user-assigned managed identity for Azure Workload Identity (annotation azure.workload.identity/client-id, pod label azure.workload.identity/use).',
    ),
  gcp_service_account_email: safeString({
    min: 1,
    max: 254,
    pattern:
      /^[a-z]([a-z0-9-]{4,28}[a-z0-9])?@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/,
    allowed:
      'a Google service account email such as "orders@my-project.iam.gserviceaccount.com"',
  })
    .optional()
    .describe(
      'GCP only: Google service account for GKE Workload Identity (annotation iam.gke.io/gcp-service-account).',
    ),
};

/** helm_context fields: probes. */
export const probesFields = {
  probe_type: z
    .enum(['http', 'tcp'])
    .default('http')
    .describe(
      'Liveness, readiness and startup probes: HTTP GET on the paths below, or TCP connect.',
    ),
  liveness_probe_path: urlPath()
    .default('/')
    .describe(
      'HTTP path of the liveness (and startup) probe, e.g. "/healthz".',
    ),
  readiness_probe_path: urlPath()
    .default('/')
    .describe('HTTP path of the readiness probe, e.g. "/ready".'),
  probe_port: port()
    .optional()
    .describe(
      'Port probed. Default: container_port. Must be container_port or metrics_app_port.',
    ),
};

/** helm_context fields: ingress. */
export const ingressFields = {
  ingress_enabled: z
    .boolean()
    .default(false)
    .describe('Create a Kubernetes Ingress for the Service.'),
  ingress_class_name: dns1123Subdomain()
    .optional()
    .describe(
      'IngressClass, e.g. "nginx", "alb", "webapprouting.kubernetes.azure.com", "gce".',
    ),
  ingress_host: hostname({ wildcard: true })
    .optional()
    .describe(
      'Host name served by the Ingress, e.g. "orders.example.com". Required when ingress_enabled.',
    ),
  ingress_path: urlPath().default('/').describe('Path served by the Ingress.'),
  ingress_path_type: z
    .enum(['Prefix', 'Exact', 'ImplementationSpecific'])
    .default('Prefix')
    .describe('Ingress pathType.'),
  ingress_tls_enabled: z
    .boolean()
    .default(true)
    .describe('Terminate TLS at the Ingress for ingress_host.'),
  ingress_tls_secret_name: dns1123Subdomain()
    .optional()
    .describe(
      'TLS Secret name. Default: "<release>-tls" (filled by cert-manager when an issuer is set).',
    ),
  ingress_cert_manager_issuer: dns1123Subdomain()
    .optional()
    .describe(
      'cert-manager issuer that provisions the certificate, e.g. "letsencrypt-prod".',
    ),
  ingress_cert_manager_issuer_kind: z
    .enum(['ClusterIssuer', 'Issuer'])
    .default('ClusterIssuer')
    .describe('Kind of ingress_cert_manager_issuer.'),
  ingress_annotations: z
    .record(
      qualifiedName(),
      safeString({
        max: 4096,
        allowQuotes: true,
        allowed: 'an annotation value',
      }).describe(
        'Annotation value (JSON values such as ALB listen-ports are allowed).',
      ),
    )
    .superRefine((annotations, ctx) => {
      for (const key of Object.keys(annotations)) {
        if (/snippet$/i.test(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message:
              'Snippet annotations inject raw proxy configuration and are disabled in hardened ingress controllers (CVE-2021-25742); configure the controller instead',
          });
        }
      }
    })
    .default({})
    .describe('Extra Ingress annotations (controller-specific).'),
};

/** helm_context fields: environment. */
export const environmentFields = {
  env: z
    .array(
      strictObject({
        name: envVarName().describe('Environment variable name.'),
        value: safeString({
          max: 4096,
          allowed: 'a single-line value',
        }).describe('Plain value (not for secrets: use env_from_secrets).'),
      }).describe('A plain environment variable.'),
    )
    .max(100)
    .default([])
    .describe('Plain (non-secret) environment variables.'),
  env_from_secrets: z
    .array(
      strictObject({
        name: envVarName().describe('Environment variable name.'),
        secret_name: dns1123Subdomain().describe(
          'Name of an existing Secret in the namespace.',
        ),
        secret_key: safeString({
          min: 1,
          max: 253,
          pattern: /^[-._a-zA-Z0-9]+$/,
          allowed: 'a Secret key: letters, digits, "-", "_" and "."',
        }).describe('Key inside the Secret.'),
      }).describe(
        'An environment variable read from an existing Secret (secretKeyRef).',
      ),
    )
    .max(100)
    .default([])
    .describe(
      'Environment variables from existing Secrets (database URL, API keys ...): never plain values.',
    ),
};

/** Cross-field rules: Service account & identity. */
export function checkServiceAccountIdentity(v: HelmValues, ctx: Ctx) {
  const identities = (
    [
      ['aws_iam_role_arn', 'eks.amazonaws.com/role-arn'],
      [
        'azure_workload_identity_client_id',
        'azure.workload.identity/client-id',
      ],
      ['gcp_service_account_email', 'iam.gke.io/gcp-service-account'],
    ] as const
  ).filter(([field]) => v[field] !== undefined);
  if (identities.length > 1) {
    issue(
      ctx,
      [identities[1][0]],
      `Set only one cloud identity: ${identities
        .map(([f]) => f)
        .join(' and ')} are both set`,
    );
  }
  for (const [field, annotation] of identities) {
    if (annotation in v.service_account_annotations) {
      issue(
        ctx,
        ['service_account_annotations', annotation],
        `Set either ${field} or the annotation "${annotation}", not both`,
      );
    }
  }
  if (!v.service_account_create) {
    if (!v.service_account_name) {
      issue(
        ctx,
        ['service_account_name'],
        'Required when service_account_create is false: the existing ServiceAccount to run as',
      );
    }
    if (
      identities.length > 0 ||
      Object.keys(v.service_account_annotations).length > 0
    ) {
      issue(
        ctx,
        ['service_account_create'],
        'Cloud identity and service_account_annotations are applied to the ServiceAccount this chart creates: set service_account_create to true, or annotate the existing account yourself and remove them',
      );
    }
  }
}

/** Cross-field rules: Probes, ingress, env. */
export function checkProbesIngressEnv(v: HelmValues, ctx: Ctx) {
  if (
    v.probe_port !== undefined &&
    v.probe_port !== v.container_port &&
    !(v.metrics_app_enabled && v.probe_port === v.metrics_app_port)
  ) {
    issue(
      ctx,
      ['probe_port'],
      `probe_port (${
        v.probe_port
      }) must be a declared container port: container_port (${
        v.container_port
      })${
        v.metrics_app_enabled
          ? ` or metrics_app_port (${v.metrics_app_port})`
          : ''
      }`,
    );
  }
  if (v.ingress_enabled && !v.ingress_host) {
    issue(
      ctx,
      ['ingress_host'],
      'Required when ingress_enabled is true: the host name to serve',
    );
  }
  if (v.ingress_cert_manager_issuer && !v.ingress_tls_enabled) {
    issue(
      ctx,
      ['ingress_cert_manager_issuer'],
      'A cert-manager issuer only applies with ingress_tls_enabled: enable TLS or remove the issuer',
    );
  }
  const names = new Map<string, string>();
  v.env.forEach((e, i) => {
    if (names.has(e.name)) {
      issue(
        ctx,
        ['env', i, 'name'],
        `Duplicate environment variable "${e.name}" (also in ${names.get(
          e.name,
        )})`,
      );
    } else {
      names.set(e.name, `env[${i}]`);
    }
  });
  v.env_from_secrets.forEach((e, i) => {
    if (names.has(e.name)) {
      issue(
        ctx,
        ['env_from_secrets', i, 'name'],
        `Duplicate environment variable "${e.name}" (also in ${names.get(
          e.name,
        )})`,
      );
    } else {
      names.set(e.name, `env_from_secrets[${i}]`);
    }
  });
}
