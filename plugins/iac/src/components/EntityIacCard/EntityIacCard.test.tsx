import { screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { iacApiRef } from '../../api/IacApi';
import { fakeIacApi } from '../../__testUtils__/fakeApi';
import { EntityIacCard } from './EntityIacCard';

function entityWith(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

function renderCard(entity: Entity, api = fakeIacApi()) {
  renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityIacCard />
    </EntityProvider>,
    { apis: [[iacApiRef, api]] },
  );
  return api;
}

describe('EntityIacCard', () => {
  it('shows cloud, region, cluster, templates and repository links from the annotations', async () => {
    const api = renderCard(
      entityWith({
        'iacforge.io/cloud': 'aws',
        'iacforge.io/region': 'eu-west-1',
        'iacforge.io/cluster': 'shop-dev',
        'iacforge.io/templates':
          'aws-eks@1.2.0,basic@0.3.0,github-actions@0.2.0',
        'backstage.io/source-location':
          'url:https://github.com/acme/shop/tree/main/',
      }),
      fakeIacApi({
        readAnswers: jest.fn().mockResolvedValue({
          generated_at: '2026-11-02T10:00:00Z',
          content_hash: '0123456789abcdef',
          payload: {
            helm_context: { chart_name: 'orders', namespace: 'shop' },
          },
        }),
      }),
    );
    const list = await screen.findByLabelText('Infrastructure');
    expect(within(list).getByText('AWS EKS')).toBeInTheDocument();
    expect(within(list).getByText('eu-west-1')).toBeInTheDocument();
    expect(list).toHaveTextContent('eu-west-1 — Europe (Ireland)');
    expect(within(list).getByText('shop-dev')).toBeInTheDocument();
    expect(within(list).getByText('aws-eks@1.2.0')).toBeInTheDocument();
    expect(within(list).getByText('github-actions@0.2.0')).toBeInTheDocument();

    expect(screen.getByRole('link', { name: /^Workflows/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/shop/tree/main/.github/workflows',
    );
    expect(
      screen.getByRole('link', { name: /^Workflow runs/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/shop/actions');
    expect(
      screen.getByRole('link', { name: /^Generated docs/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/shop/tree/main/docs');
    const answers = await screen.findByLabelText('Recorded answers');
    expect(answers).toHaveTextContent('Chartorders');
    expect(answers).toHaveTextContent('Content hash0123456789ab');
    expect(api.readAnswers).toHaveBeenCalledWith(
      'url:https://github.com/acme/shop/tree/main/',
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
  });

  it('shows the template lag (SemVer) with an Upgrade link to the prefilled upgrade Template', async () => {
    renderCard(
      entityWith({
        'iacforge.io/cloud': 'aws',
        'iacforge.io/templates':
          'terraform/aws-eks@1.0.0,helm/basic@1.9.0,governance/github-actions@1.0.0',
        'backstage.io/source-location':
          'url:https://github.com/acme/shop/tree/main/',
      }),
      fakeIacApi({
        listTemplates: jest.fn().mockResolvedValue([
          { name: 'aws-eks', kind: 'terraform', version: '1.2.0' },
          { name: 'basic', kind: 'helm', version: '1.10.0' },
          { name: 'github-actions', kind: 'governance', version: '1.0.0' },
        ]),
        readAnswers: jest.fn().mockResolvedValue({
          payload: { helm_context: { image_tag: '1.27', replica_count: 2 } },
        }),
      }),
    );
    const lag = await screen.findByLabelText('Template lag');
    expect(
      within(lag)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['aws-eks 1.0.0 → 1.2.0', 'basic 1.9.0 → 1.10.0']);
    // once answers.json is read, the link carries the recorded values
    await waitFor(() => {
      const href = within(lag)
        .getByRole('link', { name: 'Upgrade' })
        .getAttribute('href')!;
      const [route, query] = href.split('?formData=');
      expect(route).toBe('/create/templates/default/iacforge-upgrade');
      expect(JSON.parse(decodeURIComponent(query))).toEqual({
        component: 'component:default/orders',
        image_tag: '1.27',
        replica_count: 2,
      });
    });
  });

  it('says when the templates are up to date', async () => {
    renderCard(
      entityWith({
        'iacforge.io/cloud': 'aws',
        'iacforge.io/templates': 'terraform/aws-eks@1.2.0',
      }),
      fakeIacApi({
        listTemplates: jest
          .fn()
          .mockResolvedValue([
            { name: 'aws-eks', kind: 'terraform', version: '1.2.0' },
          ]),
      }),
    );
    expect(await screen.findByLabelText('Template versions')).toHaveTextContent(
      'Up to date with the installed templates.',
    );
  });

  it('falls back gracefully when data is missing', async () => {
    renderCard(
      entityWith({
        'iacforge.io/cloud': 'existing:gcp',
        'backstage.io/source-location':
          'url:https://git.example.com/acme/shop/',
      }),
    );
    const list = await screen.findByLabelText('Infrastructure');
    expect(list).toHaveTextContent('Existing cluster (GCP GKE)');
    expect(list).toHaveTextContent('Regionnot provisioned by IaC Forge');
    expect(list).toHaveTextContent('Clusternot recorded');
    expect(
      await screen.findByText(/cannot be read from the browser/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Open it in the repository/ }),
    ).toHaveAttribute(
      'href',
      'https://git.example.com/acme/shop/.iacforge/answers.json',
    );
    expect(list).toHaveTextContent('Templatesnot recorded');
  });

  it('uses the templates recorded in answers.json when the annotation is missing', async () => {
    renderCard(
      entityWith({
        'iacforge.io/cloud': 'azure',
        'backstage.io/source-location':
          'url:https://github.com/acme/shop/tree/main/',
      }),
      fakeIacApi({
        readAnswers: jest
          .fn()
          .mockResolvedValue({ templates: ['azure-aks@1.0.0'] }),
      }),
    );
    expect(await screen.findByText('azure-aks@1.0.0')).toBeInTheDocument();
  });

  it('works for repositories on the embedded git host (no source-location)', async () => {
    const api = renderCard(
      entityWith({
        'iacforge.io/cloud': 'gcp',
        'iacforge.io/templates':
          'terraform/gcp-gke@1.0.0,helm/gke-basic@1.0.0,governance/github-actions@1.0.0',
        'backstage.io/managed-by-location':
          'url:http://localhost:7007/api/iac/git/team/shop/blob/main/catalog-info.yaml',
      }),
    );
    expect(await screen.findByText('gcp-gke@1.0.0')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Plan workflow/ }),
    ).toHaveAttribute(
      'href',
      'http://localhost:7007/api/iac/git/team/shop/blob/main/.github/workflows/infra-plan.yml',
    );
    expect(
      screen.getByText(
        'git clone http://localhost:7007/api/iac/git/team/shop.git',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy the clone command' }),
    ).toBeInTheDocument();
    expect(api.readAnswers).toHaveBeenCalledWith(
      'url:http://localhost:7007/api/iac/git/team/shop/blob/main/',
      expect.anything(),
    );
  });

  it('says so when there is no source location or no annotation', async () => {
    renderCard(entityWith({ 'iacforge.io/cloud': 'gcp' }));
    expect(
      await screen.findByText(/repository links are unavailable/),
    ).toBeInTheDocument();
  });

  it('explains an entity without IaC Forge annotations', async () => {
    renderCard(entityWith({}));
    expect(
      await screen.findByText(/not generated by IaC Forge/),
    ).toBeInTheDocument();
  });
});
