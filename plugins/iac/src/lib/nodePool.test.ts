import {
  cloudOfNodeSize,
  cloudOfRegion,
  defaultNodePool,
  nodePoolProblems,
  nodePoolSummary,
  nodeSizeLabel,
} from './nodePool';

describe('nodePoolProblems', () => {
  const ok = {
    instance_type: 'm6i.large',
    min_size: 1,
    desired_size: 2,
    max_size: 3,
  };
  it('accepts a consistent pool', () => {
    expect(nodePoolProblems(ok, 'aws')).toEqual([]);
    expect(nodePoolSummary(ok)).toBe(
      'Starts with 2 m6i.large nodes, scales between 1 and 3.',
    );
  });
  it('reports min > max and desired outside the bounds', () => {
    expect(
      nodePoolProblems(
        { ...ok, min_size: 4, desired_size: 5, max_size: 3 },
        'aws',
      ),
    ).toEqual([
      {
        field: 'min_size',
        message: 'Minimum (4) must not be greater than maximum (3)',
      },
      {
        field: 'desired_size',
        message: 'Desired (5) must not exceed the maximum (3)',
      },
    ]);
    expect(nodePoolProblems({ ...ok, desired_size: 0 }, 'aws')).toEqual([
      {
        field: 'desired_size',
        message: 'Desired (0) must be at least the minimum (1)',
      },
    ]);
  });
  it('checks bounds, whole numbers and presence', () => {
    const problems = nodePoolProblems(
      {
        instance_type: '',
        min_size: -1,
        desired_size: 1.5,
        max_size: undefined,
      },
      'gcp',
    );
    expect(problems.map(p => `${p.field}: ${p.message}`)).toEqual([
      'instance_type: Choose a machine type',
      'min_size: Must be between 0 and 1000',
      'desired_size: Enter a whole number',
      'max_size: Maximum is required',
    ]);
  });
  it('needs a node in the AKS system pool', () => {
    expect(
      nodePoolProblems(
        { ...ok, instance_type: 'Standard_D4s_v5', min_size: 0 },
        'azure',
      ),
    ).toEqual([
      {
        field: 'min_size',
        message: 'AKS needs at least 1 node in the system node pool',
      },
    ]);
    expect(nodePoolProblems({ ...ok, min_size: 0 }, 'aws')).toEqual([]);
  });
});

describe('catalog helpers', () => {
  it('knows labels, defaults and owners', () => {
    expect(nodeSizeLabel('azure')).toBe('VM size');
    expect(defaultNodePool('gcp').instance_type).toBe('e2-standard-4');
    expect(cloudOfNodeSize('Standard_D4s_v5')).toBe('azure');
    expect(cloudOfNodeSize('custom.size')).toBeUndefined();
    expect(cloudOfRegion('europe-west1')).toBe('gcp');
    expect(cloudOfRegion('eastus')).toBe('azure');
  });
});
