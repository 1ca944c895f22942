import { helmContextWarnings } from './imageWarnings';

describe('helmContextWarnings', () => {
  it.each(['nginx', 'library/nginx', 'docker.io/library/nginx', 'postgres'])(
    'warns about %s with the field path',
    image => {
      const [warning] = helmContextWarnings({ image_repository: image });
      expect(warning.path).toBe('helm_context.image_repository');
      expect(warning.message).toContain('will not become Ready');
    },
  );

  it.each([
    'nginxinc/nginx-unprivileged',
    'ghcr.io/acme/nginx',
    'bitnami/postgresql',
  ])('is silent about %s', image => {
    expect(helmContextWarnings({ image_repository: image })).toEqual([]);
  });
});
