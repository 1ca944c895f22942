/*
 * A person in the portal: picks the service template, chooses GCP, fills the
 * form, sees the preview update when the cloud changes, switches on Istio
 * in the Features step and sees what it changes, sees a validation
 * error for a bad value, creates the repository, waits for the task, opens
 * the new entity and sees the IaC card. Screenshots of each step go to
 * test-results/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BrowserSession, openBrowser } from './lib/browser';
import { SharedPortal, sharedPortal, waitForEntity } from './lib/portal';

jest.setTimeout(15 * 60_000);

describe('creating a service from the portal', () => {
  const portal: SharedPortal = sharedPortal();
  const gitDir = portal.gitDir;
  let session: BrowserSession | undefined;
  const repo = `web-${Date.now().toString(36)}`;

  beforeAll(async () => {
    session = await openBrowser();
  });

  afterAll(async () => {
    await session?.close();
  });

  async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      await session?.screenshot(`FAILED-create-${name}`).catch(() => undefined);
      throw error;
    }
  }

  /** The preview's file tree: present files, and those the last change removed. */
  const fileTree = async () => {
    const entries = await session!.page
      .locator('[data-testid^="iac-file-"]')
      .evaluateAll(els =>
        els.map(e => ({
          path: e.getAttribute('data-testid')!.replace(/^iac-file-/, ''),
          removed: !!e.querySelector(
            '[aria-label="removed since the previous preview"]',
          ),
        })),
      );
    return {
      present: entries.filter(e => !e.removed).map(e => e.path),
      removed: entries.filter(e => e.removed).map(e => e.path),
    };
  };

  /** The label of the stepper's active step ('' on the review page). */
  const activeStep = async () => {
    const label = session!.page.locator(
      '.MuiStepLabel-label.MuiStepLabel-active',
    );
    return (await label.count())
      ? (await label.first().innerText()).trim()
      : '';
  };

  /** Clicks a stepper button and waits until another step is shown. */
  async function moveStep(button: 'Next' | 'Back') {
    const page = session!.page;
    const before = await activeStep();
    await page.getByRole('button', { name: new RegExp(`^${button}$`) }).click();
    await page
      .waitForFunction(
        prev =>
          (
            document.querySelector('.MuiStepLabel-label.MuiStepLabel-active')
              ?.textContent ?? ''
          ).trim() !== prev,
        before,
        { timeout: 5_000 },
      )
      // the step did not change (a field refused the value): the caller retries
      .catch(() => undefined);
  }

  async function nextUntilPreview() {
    const page = session!.page;
    for (let i = 0; i < 10; i++) {
      if (await page.getByTestId('iac-preview').count()) return;
      if (await page.getByLabel(/Repository name/).count()) {
        await page.getByLabel(/Repository name/).fill(repo);
      }
      await moveStep('Next');
    }
    await page.getByTestId('iac-preview').waitFor();
  }

  async function backUntil(label: RegExp) {
    const page = session!.page;
    for (let i = 0; i < 10; i++) {
      if (await page.getByLabel(label).count()) return;
      await moveStep('Back');
    }
  }

  async function previewUpToDate() {
    await session!.page
      .getByText('Up to date', { exact: true })
      .waitFor({ timeout: 120_000 });
  }

  it('goes from the template to a registered entity with its card', async () => {
    const page = session!.page;
    await step('sign-in', () => session!.signInAsGuest(portal.baseUrl));

    await step('choose-template', async () => {
      await page.goto(`${portal.baseUrl}/create`);
      const card = page
        .locator('[class*="MuiCard-root"]', {
          hasText: 'Service on a new Kubernetes cluster',
        })
        .first();
      await card.getByRole('button', { name: /choose/i }).click();
      await page
        .getByRole('radio', { name: /GCP/ })
        .waitFor({ timeout: 60_000 });
    });

    await step('gcp', async () => {
      await page.getByRole('radio', { name: /GCP/ }).check();
      await page.waitForTimeout(500);
      await session!.screenshot('10-create-cloud-gcp');
      await nextUntilPreview();
      await previewUpToDate();
    });
    const gcp = await fileTree();
    expect(gcp.present).toContain('terraform/gke.tf');
    expect(gcp.present.some(f => f.startsWith('charts/'))).toBe(true);
    await session!.screenshot('11-create-preview-gcp');

    await step('switch-to-aws', async () => {
      await backUntil(/Project/);
      await backUntil(/Cluster name/);
      await page.getByRole('radio', { name: /AWS/ }).check();
      await nextUntilPreview();
      await previewUpToDate();
    });
    // the tree now holds the EKS files; the GKE ones are shown as removed
    const aws = await fileTree();
    expect(aws.present).toContain('terraform/eks.tf');
    expect(aws.present.filter(f => /gke/.test(f))).toEqual([]);
    expect(aws.removed).toContain('terraform/gke.tf');
    await session!.screenshot('12-create-preview-aws');

    await step('feature-istio', async () => {
      // the Features step: switches generated from the contract
      await backUntil(/Istio service mesh/);
      await page
        .getByRole('checkbox', { name: /Istio service mesh/ })
        .check({ force: true });
      await page.waitForTimeout(300);
      await session!.screenshot('13-create-feature-istio');
      await nextUntilPreview();
      await previewUpToDate();
      await page.getByTestId('iac-change-summary').waitFor({ timeout: 60_000 });
    });
    // what the switch changed, without opening anything
    expect(await page.getByTestId('iac-change-summary').innerText()).toMatch(
      /values\.yaml/,
    );
    await page
      .getByTestId('iac-change-summary')
      .getByRole('button', { name: /values\.yaml/ })
      .first()
      .click();
    expect(await page.getByTestId('iac-diff').innerText()).toMatch(/istio/i);
    await session!.screenshot('13-create-preview-istio');

    await step('bad-value', async () => {
      await backUntil(/Image tag/);
      await page.getByLabel(/Image tag/).fill('latest');
      await nextUntilPreview();
      await page.getByTestId('iac-issues').waitFor({ timeout: 60_000 });
    });
    expect(await page.getByTestId('iac-issues').innerText()).toMatch(
      /image_tag/,
    );
    await session!.screenshot('13-create-validation-error');

    await step('fix-and-create', async () => {
      await backUntil(/Image tag/);
      await page.getByLabel(/Image tag/).fill('1.27.3');
      await nextUntilPreview();
      await previewUpToDate();
      await page.getByRole('button', { name: /^Review$/ }).click();
      await page
        .getByRole('button', { name: /^Create$/ })
        .waitFor({ timeout: 60_000 });
      await session!.screenshot('14-create-review');
      await page.getByRole('button', { name: /^Create$/ }).click();
      await page.getByText(/Open in catalog/i).waitFor({ timeout: 300_000 });
      await session!.screenshot('15-create-done');
    });
    expect(
      fs.existsSync(path.join(gitDir, 'platform-team', `${repo}.git`)),
    ).toBe(true);

    await step('entity-card', async () => {
      // the catalog processes the new location asynchronously
      await waitForEntity(portal.baseUrl, {
        kind: 'component',
        name: 'payments',
      });
      await page.getByText(/Open in catalog/i).click();
      await page.reload();
      await page
        .getByText('Generated by IaC Forge', { exact: true })
        .waitFor({ timeout: 120_000 });
      await page.waitForTimeout(1000);
      await session!.screenshot('16-entity-card');
    });
    const card = await page
      .getByText('Generated by IaC Forge', { exact: true })
      .locator('xpath=ancestor::*[contains(@class,"MuiCard-root")][1]')
      .innerText();
    expect(card).toMatch(/AWS/);
    expect(card).toMatch(/platform-cluster/);
  });
});
