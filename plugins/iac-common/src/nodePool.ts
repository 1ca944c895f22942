/*
 * The node pool as a form shows it (one size, three counts), with the
 * bounds and defaults read from the terraform_context schema, so the form
 * field, its instant checks and the contract cannot disagree.
 */
import { CLOUD_CATALOG, Cloud } from './catalog';
import { getJsonSchema } from './jsonSchema';

/** The value of an IacNodePool field. */
export interface NodePoolValue {
  instance_type?: string;
  min_size?: number;
  desired_size?: number;
  max_size?: number;
}

/** The counts of a node pool. */
export type NodePoolCount = 'min_size' | 'desired_size' | 'max_size';

/** Bounds and default of one count. */
export interface CountBounds {
  min: number;
  max: number;
  default: number;
}

/** terraform_context field of each count (the same on every cloud). */
export const NODE_POOL_FIELDS: Readonly<Record<NodePoolCount, string>> = {
  min_size: 'node_pool_min_size',
  desired_size: 'node_pool_desired_size',
  max_size: 'node_pool_max_size',
};

let bounds: Readonly<Record<NodePoolCount, CountBounds>> | undefined;

/** Bounds and defaults of the counts, from the contract. */
export function nodePoolBounds(): Readonly<Record<NodePoolCount, CountBounds>> {
  if (!bounds) {
    const props = getJsonSchema('terraform_context_aws').properties as Record<
      string,
      { minimum?: number; maximum?: number; default?: number }
    >;
    const read = (count: NodePoolCount): CountBounds => {
      const p = props[NODE_POOL_FIELDS[count]];
      if (
        typeof p?.minimum !== 'number' ||
        typeof p.maximum !== 'number' ||
        typeof p.default !== 'number'
      ) {
        throw new Error(
          `terraform_context.${NODE_POOL_FIELDS[count]} has no bounds`,
        );
      }
      return { min: p.minimum, max: p.maximum, default: p.default };
    };
    bounds = Object.freeze({
      min_size: read('min_size'),
      desired_size: read('desired_size'),
      max_size: read('max_size'),
    });
  }
  return bounds;
}

/** The contract's default pool for a cloud (catalog node size, default counts). */
export function defaultNodePool(cloud: Cloud | undefined): NodePoolValue {
  const b = nodePoolBounds();
  return {
    instance_type: cloud ? CLOUD_CATALOG[cloud].default_node_size : undefined,
    min_size: b.min_size.default,
    desired_size: b.desired_size.default,
    max_size: b.max_size.default,
  };
}
