/*
 * Node pool rules, checked as the user types (the same rules as the
 * contract's terraform_context: bounds, min ≤ desired ≤ max, AKS system
 * pool min ≥ 1). Bounds and defaults come from the contract
 * (nodePoolBounds). The API remains the authority; these give instant
 * feedback.
 */
import {
  CLOUD_CATALOG,
  CLOUDS,
  Cloud,
  nodePoolBounds,
  NodePoolValue,
} from '@iacforge/plugin-iac-common';

export { defaultNodePool } from '@iacforge/plugin-iac-common';

export type NodePoolKey =
  | 'instance_type'
  | 'min_size'
  | 'desired_size'
  | 'max_size';

export interface NodePoolProblem {
  /** The input the problem is shown under. */
  field: NodePoolKey;
  message: string;
}

/** Label of the node size input per cloud. */
export function nodeSizeLabel(cloud: Cloud | undefined): string {
  switch (cloud) {
    case 'azure':
      return 'VM size';
    case 'gcp':
      return 'Machine type';
    case 'aws':
      return 'EC2 instance type';
    default:
      return 'Node size';
  }
}

const LABEL: Record<NodePoolKey, string> = {
  instance_type: 'Node size',
  min_size: 'Minimum',
  desired_size: 'Desired',
  max_size: 'Maximum',
};

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Every problem of a node pool value, in input order. */
export function nodePoolProblems(
  value: NodePoolValue | undefined,
  cloud: Cloud | undefined,
): NodePoolProblem[] {
  const v = value ?? {};
  const out: NodePoolProblem[] = [];
  if (!v.instance_type || !String(v.instance_type).trim()) {
    out.push({
      field: 'instance_type',
      message: `Choose a ${nodeSizeLabel(cloud).toLowerCase()}`,
    });
  } else if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(v.instance_type)) {
    out.push({
      field: 'instance_type',
      message: 'Letters, digits, ".", "_" and "-" only',
    });
  }
  for (const key of ['min_size', 'desired_size', 'max_size'] as const) {
    const n = v[key];
    const { min: lo, max: hi } = nodePoolBounds()[key];
    if (n === undefined || n === null || (n as unknown) === '') {
      out.push({ field: key, message: `${LABEL[key]} is required` });
    } else if (!isCount(n) || !Number.isInteger(n)) {
      out.push({ field: key, message: 'Enter a whole number' });
    } else if (n < lo || n > hi) {
      out.push({ field: key, message: `Must be between ${lo} and ${hi}` });
    }
  }
  const { min_size: min, desired_size: desired, max_size: max } = v;
  if (isCount(min) && isCount(max) && min > max) {
    out.push({
      field: 'min_size',
      message: `Minimum (${min}) must not be greater than maximum (${max})`,
    });
  }
  if (isCount(desired) && isCount(min) && desired < min) {
    out.push({
      field: 'desired_size',
      message: `Desired (${desired}) must be at least the minimum (${min})`,
    });
  }
  if (isCount(desired) && isCount(max) && desired > max) {
    out.push({
      field: 'desired_size',
      message: `Desired (${desired}) must not exceed the maximum (${max})`,
    });
  }
  if (cloud === 'azure' && isCount(min) && min < 1) {
    out.push({
      field: 'min_size',
      message: 'AKS needs at least 1 node in the system node pool',
    });
  }
  return out;
}

/** A short sentence describing the pool, for screen readers and the summary line. */
export function nodePoolSummary(value: NodePoolValue | undefined): string {
  const v = value ?? {};
  if (
    !isCount(v.min_size) ||
    !isCount(v.max_size) ||
    !isCount(v.desired_size)
  ) {
    return '';
  }
  const size = v.instance_type ? `${v.instance_type} nodes` : 'nodes';
  return `Starts with ${v.desired_size} ${size}, scales between ${v.min_size} and ${v.max_size}.`;
}

/** The cloud whose catalog lists this node size (undefined: none, i.e. custom). */
export function cloudOfNodeSize(size: string | undefined): Cloud | undefined {
  if (!size) return undefined;
  return CLOUDS.find(c => CLOUD_CATALOG[c].node_sizes.some(s => s.id === size));
}

/** The cloud whose catalog lists this region (undefined: none, i.e. custom). */
export function cloudOfRegion(region: string | undefined): Cloud | undefined {
  if (!region) return undefined;
  return CLOUDS.find(c => CLOUD_CATALOG[c].regions.some(r => r.id === region));
}
