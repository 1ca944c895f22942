/*
 * The portal end to end: the real backend serving the built frontend on a
 * free loopback port, SQLite in a fresh folder, Debian's Chromium.
 */
import { openBrowser, BrowserSession } from './lib/browser';
import { SharedPortal, sharedPortal, waitForEntity } from './lib/portal';

jest.setTimeout(10 * 60_000);

describe('IaC Forge portal', () => {
  let portal: SharedPortal | undefined;
  let session: BrowserSession | undefined;

  beforeAll(async () => {
    portal = sharedPortal();
    session = await openBrowser();
  });

  afterAll(async () => {
    await session?.close();
  });

  /** Runs a UI step; on failure saves a screenshot named after the step. */
  async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      await session?.screenshot(`FAILED-${name}`).catch(() => undefined);
      throw error;
    }
  }

  async function signIn() {
    await session!.signInAsGuest(portal!.baseUrl, '00-sign-in');
  }

  it('lists the project itself in the catalog', async () => {
    await waitForEntity(portal!.baseUrl, {
      kind: 'component',
      name: 'iacforge',
    });
    await step('sign-in', signIn);
    const page = session!.page;
    await step('catalog', async () => {
      // the catalog is the landing page (app-config.yaml)
      await page.goto(portal!.baseUrl);
      await page.getByRole('link', { name: 'IaC Forge' }).first().waitFor();
    });
    await session!.screenshot('01-catalog');
    expect(
      await page.getByRole('link', { name: 'IaC Forge' }).count(),
    ).toBeGreaterThan(0);
  });

  it('shows the templates on the create page', async () => {
    await waitForEntity(portal!.baseUrl, {
      kind: 'template',
      name: 'iacforge-service-new-cluster',
    });
    const page = session!.page;
    await step('create', async () => {
      await page.goto(`${portal!.baseUrl}/create`);
      await page
        .getByText('Service on a new Kubernetes cluster')
        .first()
        .waitFor();
      for (const title of [
        'Service on an existing cluster',
        'Kubernetes cluster (Terraform + add-ons + governance)',
        'GitOps service (Flux dev/prod, Flagger canary, promotion)',
      ]) {
        await page.getByText(title).first().waitFor();
      }
    });
    // the card's Choose button opens the form
    const choose = page.getByRole('button', { name: /choose/i }).first();
    await choose.waitFor();
    expect(await choose.isEnabled()).toBe(true);
    await session!.screenshot('02-create');
  });
});
