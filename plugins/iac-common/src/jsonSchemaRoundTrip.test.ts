import { z } from 'zod';
import { getJsonSchema } from './index';
import { helm, platform } from './__fixtures__/helpers';
import {
  SEED_HELM_FRAGMENTS,
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_PLATFORM_NEW_CLUSTER,
} from './seedExamples';

// The exported JSON Schemas, read back by an independent JSON Schema reader
// (zod's own), accept the seed payloads and reject structural mistakes: a
// client validating with the JSON Schema alone gets the same shape rules.
type JsonSchemaInput = Parameters<typeof z.fromJSONSchema>[0];

describe('JSON Schema round trip', () => {
  const platformSchema = z.fromJSONSchema(
    getJsonSchema('platform') as JsonSchemaInput,
  );
  const helmSchema = z.fromJSONSchema(
    getJsonSchema('helm_context') as JsonSchemaInput,
  );

  it('accepts the seed examples', () => {
    expect(platformSchema.safeParse(SEED_PLATFORM_NEW_CLUSTER).success).toBe(
      true,
    );
    expect(
      platformSchema.safeParse(SEED_PLATFORM_EXISTING_CLUSTER).success,
    ).toBe(true);
    for (const fragment of Object.values(SEED_HELM_FRAGMENTS)) {
      expect(helmSchema.safeParse(helm(fragment)).success).toBe(true);
    }
  });

  it.each([
    ['unknown key', platform('aws', { helm: { hpa_min_replica: 1 } })],
    [
      'wrong cloud field',
      platform('aws', { terraform: { vm_size: 'Standard_D4s_v5' } }),
    ],
    ['bad enum', platform('aws', { helm: { load_balancer_type: 'None' } })],
    ['bad pattern', platform('aws', { helm: { chart_name: 'Orders' } })],
    ['out of range', platform('aws', { helm: { service_port: 0 } })],
    ['bad cloud', { ...SEED_PLATFORM_NEW_CLUSTER, cloud: 'oci' }],
  ])('rejects %s', (_name, payload) => {
    expect(platformSchema.safeParse(payload).success).toBe(false);
  });
});
