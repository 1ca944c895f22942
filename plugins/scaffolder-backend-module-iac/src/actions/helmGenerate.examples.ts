import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "A chart with HPA and pod anti-affinity (the generator spec's examples)",
    example: YAML.stringify({
      steps: [
        {
          id: 'chart',
          action: 'iac:helm:generate',
          name: 'Generate the chart',
          input: {
            helm_context: {
              chart_name: 'orders',
              chart_version: '0.1.0',
              app_version: '1.0.0',
              namespace: 'orders',
              image_repository: 'nginx',
              image_tag: '1.27',
              replica_count: 2,
              cpu_request: '100m',
              memory_request: '128Mi',
              cpu_limit: '500m',
              memory_limit: '512Mi',
              affinity_enabled: true,
              affinity_type: 'podAntiAffinity',
              affinity_topology_key: 'kubernetes.io/hostname',
              hpa_enabled: true,
              hpa_min_replicas: 2,
              hpa_max_replicas: 10,
              hpa_cpu_utilization_target: 70,
              hpa_memory_utilization_target: 80,
            },
          },
        },
      ],
    }),
  },
];
