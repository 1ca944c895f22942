import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { iacApiRef } from '../api/IacApi';
import { fakeIacApi } from '../__testUtils__/fakeApi';
import { FieldHarness } from '../__testUtils__/FieldHarness';
import { upgradeAnswers, UpgradePreviewField } from './UpgradePreviewField';

const LOCATION =
  'url:http://localhost:7007/api/iac/git/team/payments/blob/main/catalog-info.yaml';

const catalog = {
  getEntityByRef: jest.fn(async (ref: string) =>
    ref === 'component:default/payments'
      ? {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'payments',
            annotations: { 'backstage.io/managed-by-location': LOCATION },
          },
        }
      : undefined,
  ),
};

function renderField(
  forms: Array<Record<string, unknown>>,
  api = fakeIacApi(),
) {
  renderInTestApp(<FieldHarness Field={UpgradePreviewField} forms={forms} />, {
    apis: [
      [iacApiRef, api],
      [catalogApiRef, catalog as any],
    ],
  });
  return api;
}

describe('IacUpgradePreview', () => {
  it('previews the upgrade of the picked component: versions, predicted conflicts, per-file diff', async () => {
    const api = renderField(
      [{ component: 'component:default/payments', image_tag: '1.28' }],
      fakeIacApi({
        previewUpgrade: jest.fn().mockResolvedValue({
          ok: true,
          preview: {
            status: 'dry-run',
            branch: 'iacforge-upgrade-0123456789ab',
            summary: '…',
            templates: ['terraform/aws-eks 1.0.0 → 1.2.0'],
            answersChanged: ['helm_context.image_tag'],
            conflicts: [
              {
                path: 'charts/payments/values.yaml',
                types: ['content'],
                messages: [],
                hunks: [{ startLine: 3, endLine: 7, ours: [], theirs: [] }],
              },
            ],
            diff: [
              {
                path: 'charts/payments/values.yaml',
                status: 'modified',
                patch: '+<<<<<<< main\n',
              },
            ],
          },
        }),
      }),
    );
    const preview = await screen.findByLabelText('Upgrade preview');
    expect(preview).toHaveTextContent(
      'Upgrade branch iacforge-upgrade-0123456789ab from main',
    );
    expect(
      within(screen.getByLabelText('Template versions')).getByText(
        'terraform/aws-eks 1.0.0 → 1.2.0',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Predicted conflicts')).toHaveTextContent(
      'charts/payments/values.yaml (content): lines 3-7',
    );
    expect(
      screen.getByLabelText('Diff of charts/payments/values.yaml'),
    ).toHaveTextContent('+<<<<<<< main');
    expect(api.previewUpgrade).toHaveBeenCalledWith(
      {
        location: LOCATION,
        answers: { helm_context: { image_tag: '1.28' } },
      },
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
  });

  it('shows invalid answers with their field paths', async () => {
    renderField(
      [{ component: 'component:default/payments', image_tag: 'latest' }],
      fakeIacApi({
        previewUpgrade: jest.fn().mockResolvedValue({
          ok: false,
          issues: [
            { path: 'helm_context.image_tag', message: 'pin a version' },
          ],
        }),
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'helm_context.image_tag: pin a version',
    );
  });

  it('asks for a component first, and explains a component without a repository', async () => {
    renderField([{}]);
    expect(
      await screen.findByText('Pick a component to preview its upgrade.'),
    ).toBeInTheDocument();
    renderField([{ component: 'component:default/other' }]);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'component:default/other has no backstage.io/managed-by-location: its repository is unknown.',
    );
  });

  it('changed answers: empty fields keep the recorded values', () => {
    expect(
      upgradeAnswers({ image_tag: '', replica_count: 3 }, [
        'image_tag',
        'replica_count',
      ]),
    ).toEqual({
      helm_context: { replica_count: 3 },
    });
    expect(upgradeAnswers({}, ['image_tag'])).toBeUndefined();
  });
});
