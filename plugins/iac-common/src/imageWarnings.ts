/*
 * Images known not to run under the workload chart's security context
 * (non-root uid 10001, no capabilities, read-only root filesystem with only
 * /tmp writable, container port 8080 by default). Not an error: a platform
 * team may rebuild or configure them; a warning with the field path, shown
 * with the preview's findings.
 */
import type { ValidationIssue } from './issues';

/** Official images that need root, a port below 1024 or a writable filesystem. */
export const ROOT_ONLY_IMAGES: Readonly<Record<string, string>> = {
  nginx:
    'the official nginx image starts as root, listens on port 80 and writes to /var/cache/nginx; use nginxinc/nginx-unprivileged (any non-root uid, port 8080, writes only to /tmp)',
  httpd:
    'the official httpd image starts as root and listens on port 80; use an image built to run as non-root on a port above 1024',
  postgres:
    'the official postgres image needs a writable data directory and starts as root to fix its ownership; run databases from a StatefulSet chart or a managed service',
  mysql:
    'the official mysql image starts as root and needs a writable data directory; use a managed database or a StatefulSet chart',
  mariadb:
    'the official mariadb image starts as root and needs a writable data directory; use a managed database or a StatefulSet chart',
  mongo:
    'the official mongo image starts as root and needs a writable data directory; use a managed database or a StatefulSet chart',
};

/** "docker.io/library/nginx", "library/nginx", "nginx" -> "nginx"; others unchanged. */
function officialName(repository: string): string {
  return repository
    .replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '')
    .replace(/^library\//, '');
}

/** Warnings about helm_context: valid input that will not work as expected. */
export function helmContextWarnings(helm: {
  image_repository: string;
}): ValidationIssue[] {
  const reason = ROOT_ONLY_IMAGES[officialName(helm.image_repository)];
  return reason
    ? [
        {
          path: 'helm_context.image_repository',
          message: `"${helm.image_repository}" will not become Ready under the chart's security context (non-root uid, no capabilities, read-only root filesystem): ${reason}`,
        },
      ]
    : [];
}
