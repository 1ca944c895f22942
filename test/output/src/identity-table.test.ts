/*
 * The identity table (plugins/iac-common/src/identity) against the
 * generated Terraform: every resource type and data source of every
 * Terraform matrix payload has an entry (a new type fails here until someone
 * decides what the plan and apply identities need for it), and the
 * bootstrap/<cloud>/ Terraform generated from the table conforms to the
 * pinned provider schemas and passes the output checks.
 */
import {
  checkFiles,
  formatFindings,
  terraformTypes,
} from '@iacforge/output-checks';
import { IDENTITY_TABLES } from '@iacforge/plugin-iac-common';
import { getEngine } from './lib/generate';
import { basePayload, CLOUDS } from './lib/governance/payloads';
import { render } from './lib/terraform/engine';
import { loadModules } from './lib/terraform/hcl';
import { buildMatrix } from './lib/terraform/matrix';
import { checkModuleSchema } from './lib/terraform/schema';
import { requireGenerated } from '@iacforge/plugin-iac-node';

jest.setTimeout(600_000);

describe('identity table', () => {
  it('has an entry for every Terraform type of every matrix payload', async () => {
    const missing = new Set<string>();
    let cases = 0;
    for (const c of buildMatrix()) {
      const { files } = render(c.kind, c.payload);
      const modules = await loadModules(files);
      const hcl = new Map<string, unknown>();
      for (const m of modules.values()) {
        for (const f of m.files) hcl.set(f.path, f.doc);
      }
      for (const [key, use] of terraformTypes(hcl)) {
        if (!IDENTITY_TABLES[c.cloud].types[key]) {
          missing.add(`${c.cloud}: ${key} (${c.name}, ${use.file})`);
        }
      }
      cases++;
    }
    expect(cases).toBeGreaterThan(30);
    expect([...missing].sort()).toEqual([]);
  });

  it.each(CLOUDS.map(cloud => [cloud]))(
    '%s: bootstrap/ conforms to the provider schema and passes the checks',
    async cloud => {
      const result = requireGenerated(
        getEngine().generate(
          'platform',
          basePayload(cloud, { addons_context: { enabled: true } }),
        ),
      );
      const files = new Map(
        result.files.map(f => [f.path, f.content.toString('utf8')]),
      );
      const bootstrap = new Map(
        [...files].filter(([p]) => p.startsWith(`bootstrap/${cloud}/`)),
      );
      expect([...bootstrap.keys()]).toEqual([
        `bootstrap/${cloud}/bootstrap.auto.tfvars.json`,
        `bootstrap/${cloud}/main.tf`,
        `bootstrap/${cloud}/outputs.tf`,
        `bootstrap/${cloud}/permissions.json`,
        `bootstrap/${cloud}/variables.tf`,
        `bootstrap/${cloud}/versions.tf`,
      ]);
      const module = (await loadModules(bootstrap)).get(`bootstrap/${cloud}`)!;
      // the vendored schemas hold only the types the stacks use: the state
      // bucket / storage types of the bootstrap are not in them (checked on
      // a real account only); every other type is checked in full
      const problems = checkModuleSchema(module).filter(
        p => !/is not in the vendored/.test(p.message),
      );
      expect(problems).toEqual([]);
      const report = await checkFiles(files);
      expect(
        formatFindings(
          report.findings.filter(f => f.file.startsWith('bootstrap/')),
        ),
      ).toBe('');
    },
  );
});
