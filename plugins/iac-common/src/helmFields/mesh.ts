/*
 * helm_context: Istio and throttling (a mesh feature), with their rules.
 */
import { z } from 'zod';
import {
  dns1123Label,
  dns1123Subdomain,
  duration,
  hostname,
  int,
  port,
  safeString,
  urlPath,
} from '../fields';
import type { HelmValues } from '../helm';
import { Ctx, ISTIO_RESERVED_PORTS, issue } from './common';

/** helm_context fields: Istio. */
export const istioFields = {
  istio_enabled: z
    .boolean()
    .default(false)
    .describe(
      'The workload runs in the Istio mesh (sidecar injection label on the namespace / pods).',
    ),
  istio_cni: z
    .boolean()
    .default(false)
    .describe(
      'The cluster runs the Istio CNI node agent: injected pods then need no privileged istio-init container and the namespace keeps Pod Security "restricted". Without it the namespace enforces "privileged" (istio-init runs as root with NET_ADMIN and NET_RAW).',
    ),
  istio_ingress_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Route ingress traffic through an Istio Gateway + VirtualService. Requires istio_enabled.',
    ),
  istio_egress_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Allow egress to istio_egress_host through a ServiceEntry. Requires istio_enabled.',
    ),
  istio_gateway_create: z
    .boolean()
    .default(false)
    .describe(
      'Create a Gateway in this chart (otherwise reference an existing one with istio_gateway_ref).',
    ),
  istio_gateway_name: dns1123Subdomain()
    .optional()
    .describe(
      'Name of the Gateway created by the chart. Default: "<release>-gateway".',
    ),
  istio_gateway_namespace: dns1123Label()
    .default('istio-system')
    .describe('Namespace of the Istio ingress gateway deployment.'),
  istio_gateway_host: hostname({ wildcard: true })
    .optional()
    .describe(
      'Host served by the created Gateway, e.g. "orders.example.com". Required when istio_gateway_create.',
    ),
  istio_gateway_port: port()
    .default(80)
    .describe('Port of the created Gateway server.'),
  istio_gateway_ref: safeString({
    min: 3,
    max: 317,
    pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    allowed: '"<namespace>/<gateway-name>", e.g. "istio-system/public-gateway"',
  })
    .optional()
    .describe(
      'Existing Gateway to bind the VirtualService to, as "<namespace>/<name>" (when istio_gateway_create is false).',
    ),
  istio_virtual_service_host: hostname({ wildcard: true })
    .optional()
    .describe('Host of the VirtualService. Default: istio_gateway_host.'),
  istio_virtual_service_prefix: urlPath()
    .default('/')
    .describe('URI prefix routed to the Service by the VirtualService.'),
  istio_egress_host: hostname({ wildcard: true })
    .optional()
    .describe(
      'External host reachable through the ServiceEntry, e.g. "api.stripe.com". Required when istio_egress_enabled.',
    ),
  istio_egress_port: port().default(443).describe('Port of istio_egress_host.'),
  istio_egress_protocol: z
    .enum(['HTTPS', 'HTTP', 'TLS', 'TCP', 'GRPC', 'HTTP2'])
    .default('HTTPS')
    .describe('Protocol of the ServiceEntry port.'),
};

/** helm_context fields: throttling. */
export const throttlingFields = {
  throttle_enabled: z
    .boolean()
    .default(false)
    .describe(
      'Local rate limiting of inbound requests at the Istio sidecar (EnvoyFilter). Requires istio_enabled.',
    ),
  throttle_max_tokens: int(1, 1_000_000)
    .default(100)
    .describe('Token bucket size (burst).'),
  throttle_tokens_per_fill: int(1, 1_000_000)
    .default(100)
    .describe(
      'Tokens added every throttle_fill_interval; at most throttle_max_tokens.',
    ),
  throttle_fill_interval: duration({
    units: ['ms', 's', 'm'],
    minMs: 50,
    maxMs: 3_600_000,
  })
    .default('1s')
    .describe(
      'Refill interval of the token bucket, e.g. "1s", "500ms" (at least 50ms).',
    ),
};

/** Cross-field rules: Istio. */
export function checkIstio(v: HelmValues, ctx: Ctx) {
  if (v.throttle_enabled && !v.istio_enabled) {
    issue(
      ctx,
      ['throttle_enabled'],
      'throttle_enabled requires istio_enabled: request throttling is an EnvoyFilter on the Istio sidecar',
    );
  }
  if (v.throttle_tokens_per_fill > v.throttle_max_tokens) {
    issue(
      ctx,
      ['throttle_tokens_per_fill'],
      `throttle_tokens_per_fill (${v.throttle_tokens_per_fill}) must not exceed throttle_max_tokens (${v.throttle_max_tokens}), the bucket size`,
    );
  }
  if (v.istio_ingress_enabled && !v.istio_enabled) {
    issue(
      ctx,
      ['istio_ingress_enabled'],
      'istio_ingress_enabled requires istio_enabled',
    );
  }
  if (v.istio_egress_enabled && !v.istio_enabled) {
    issue(
      ctx,
      ['istio_egress_enabled'],
      'istio_egress_enabled requires istio_enabled',
    );
  }
  if (v.istio_enabled && v.istio_ingress_enabled) {
    if (v.istio_gateway_create && !v.istio_gateway_host) {
      issue(
        ctx,
        ['istio_gateway_host'],
        'Required when istio_gateway_create is true: the host the new Gateway serves (e.g. "orders.example.com")',
      );
    }
    if (!v.istio_gateway_create && !v.istio_gateway_ref) {
      issue(
        ctx,
        ['istio_gateway_ref'],
        'Istio ingress needs a Gateway: set istio_gateway_create to true, or istio_gateway_ref to an existing gateway ("<namespace>/<name>", e.g. "istio-system/public-gateway")',
      );
    }
    if (!v.istio_virtual_service_host && !v.istio_gateway_host) {
      issue(
        ctx,
        ['istio_virtual_service_host'],
        'Istio ingress needs a host: set istio_virtual_service_host (or istio_gateway_host)',
      );
    }
  }
  if (v.istio_enabled && v.istio_egress_enabled && !v.istio_egress_host) {
    issue(
      ctx,
      ['istio_egress_host'],
      'Required when istio_egress_enabled is true: the external host to allow (e.g. "api.stripe.com")',
    );
  }
  if (v.istio_enabled) {
    const ports: [string, number | undefined][] = [
      ['container_port', v.container_port],
      [
        'metrics_app_port',
        v.metrics_app_enabled ? v.metrics_app_port : undefined,
      ],
      ['probe_port', v.probe_port],
    ];
    for (const [field, p] of ports) {
      if (p !== undefined && ISTIO_RESERVED_PORTS.includes(p)) {
        issue(
          ctx,
          [field],
          `Port ${p} is reserved by the Istio sidecar (${ISTIO_RESERVED_PORTS.join(
            ', ',
          )}); choose another port`,
        );
      }
    }
  }
}
