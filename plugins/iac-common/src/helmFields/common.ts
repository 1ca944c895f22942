/*
 * What the helm_context field groups share: issue reporting, secret tokens,
 * Prometheus durations, Istio's reserved ports, the image repository format.
 */
import { z } from 'zod';
import { safeString } from '../fields';

export type Ctx = z.RefinementCtx;

export function issue(ctx: Ctx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message });
}

/** JSON Schema keyword added to secret fields (besides `writeOnly: true`). */
export const SECRET_KEYWORD = 'x-iacforge-secret';

/** A token: accepted on input, never rendered (see SECRET_FIELDS / stripSecrets). */
export function secretToken(what: string) {
  return safeString({
    min: 1,
    max: 4096,
    pattern: /^[!-~]+( [!-~]+)*$/,
    allowed: `${what}: printable ASCII without leading, trailing or double spaces`,
  })
    .meta({ writeOnly: true, [SECRET_KEYWORD]: true })
    .optional();
}

export const PROMETHEUS_DURATION = { units: ['s', 'm', 'h'] as const };

/** Istio sidecar / agent ports that an application port must not use. */
export const ISTIO_RESERVED_PORTS: readonly number[] = [
  15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090,
];

export const IMAGE_REPOSITORY =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
