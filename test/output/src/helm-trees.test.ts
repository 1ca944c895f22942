/*
 * The Helm template trees themselves: manifests and inheritance (aks-basic
 * and gke-basic extend basic and only add what differs), Go templates copied
 * byte for byte, Chart.yaml metadata, the README parameters table generated
 * from values.schema.json (and kept fresh), every value documented in the
 * schema and every `.Values` reference in the templates defined by it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  findUnescapedPrints,
  requireGenerated,
} from '@iacforge/plugin-iac-node';
import { repoRoot } from './lib/generate';
import { BASE_CONTEXT, helmMatrix } from './lib/helm/cases';
import {
  getHelmEngine,
  helmRoot,
  readValues,
  renderChart,
} from './lib/helm/chart';

const SCRIPT = path.join(
  repoRoot,
  'test',
  'output',
  'scripts',
  'helm-readme.mjs',
);

function listFiles(dir: string, rel = ''): string[] {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap(e =>
      e.isDirectory()
        ? listFiles(dir, path.posix.join(rel, e.name))
        : [path.posix.join(rel, e.name)],
    )
    .sort();
}

const schema = JSON.parse(
  fs.readFileSync(path.join(helmRoot, 'basic', 'values.schema.json'), 'utf8'),
);

function resolve(node: any): any {
  return node?.$ref ? schema.definitions[node.$ref.split('/').pop()] : node;
}

/** Dotted keys of every schema leaf (objects with fixed properties are walked). */
function schemaLeaves(node: any = schema, prefix = ''): string[] {
  const n = resolve(node);
  if (n.type === 'object' && n.properties && n.additionalProperties === false) {
    return Object.entries(n.properties).flatMap(([k, child]) =>
      schemaLeaves(child, prefix ? `${prefix}.${k}` : k),
    );
  }
  return [prefix];
}

function hasPath(values: any, dotted: string): boolean {
  let node = values;
  for (const key of dotted.split('.')) {
    if (!node || typeof node !== 'object' || !(key in node)) return false;
    node = node[key];
  }
  return true;
}

describe('helm template trees', () => {
  it('are registered with their clouds; aks-basic and gke-basic extend basic', () => {
    const helm = getHelmEngine()
      .templates()
      .filter(t => t.kind === 'helm')
      .map(t => [t.name, t.clouds, t.include]);
    expect(helm).toEqual([
      ['aks-basic', ['azure'], 'selected'],
      ['basic', ['aws', 'azure', 'gcp'], 'selected'],
      ['gke-basic', ['gcp'], 'selected'],
    ]);
    for (const tree of ['aks-basic', 'gke-basic']) {
      const manifest = YAML.parse(
        fs.readFileSync(path.join(helmRoot, tree, 'template.yaml'), 'utf8'),
      );
      expect(manifest.extends).toBe('basic');
    }
  });

  it('aks-basic and gke-basic hold only what differs from basic', () => {
    expect(listFiles(path.join(helmRoot, 'aks-basic'))).toEqual([
      'README.md.njk',
      'template.yaml',
      'templates/_cloud-azure.tpl',
      'values.yaml.njk',
    ]);
    expect(listFiles(path.join(helmRoot, 'gke-basic'))).toEqual([
      'README.md.njk',
      'template.yaml',
      'templates/_cloud-gcp.tpl',
      'templates/gke-backendconfig.yaml',
      'templates/gke-frontendconfig.yaml',
      'templates/gke-podmonitoring.yaml',
      'values.yaml.njk',
    ]);
    for (const tree of ['aks-basic', 'gke-basic']) {
      for (const file of ['values.yaml.njk', 'README.md.njk']) {
        const text = fs.readFileSync(path.join(helmRoot, tree, file), 'utf8');
        expect(text).toContain('{% extends "../basic/');
        expect(text.split('\n').length).toBeLessThan(45);
      }
    }
  });

  it('every .njk print ends with an escaping filter', () => {
    for (const tree of ['basic', 'aks-basic', 'gke-basic']) {
      for (const file of listFiles(path.join(helmRoot, tree)).filter(f =>
        f.endsWith('.njk'),
      )) {
        const source = fs.readFileSync(path.join(helmRoot, tree, file), 'utf8');
        expect({
          file: `${tree}/${file}`,
          unescaped: findUnescapedPrints(source),
        }).toEqual({
          file: `${tree}/${file}`,
          unescaped: [],
        });
      }
    }
  });

  it('copies Go templates, ci values and .helmignore byte for byte (Helm {{ }} passes through)', () => {
    for (const tree of ['basic', 'aks-basic', 'gke-basic']) {
      const helmCase = helmMatrix().find(
        c => c.name === `${tree} / all on (hpa)`,
      )!;
      const chart = renderChart(helmCase);
      for (const [rel, content] of chart.files) {
        if (
          rel.endsWith('.yaml') &&
          !rel.startsWith('templates/') &&
          !rel.startsWith('ci/')
        )
          continue;
        if (['README.md', 'Chart.yaml', 'values.yaml'].includes(rel)) continue;
        const own = path.join(helmRoot, tree, rel);
        const source = fs.existsSync(own)
          ? own
          : path.join(helmRoot, 'basic', rel);
        expect({ rel, same: content.equals(fs.readFileSync(source)) }).toEqual({
          rel,
          same: true,
        });
      }
      const deployment = chart.files
        .get('templates/deployment.yaml')!
        .toString('utf8');
      expect(deployment).toContain('{{ include "workload.fullname" . }}');
    }
  });

  it('the template trees (chart templates) are kept away from Prettier', () => {
    const ignore = fs.readFileSync(
      path.join(repoRoot, '.prettierignore'),
      'utf8',
    );
    expect(ignore.split('\n')).toContain('plugins/iac-templates/templates/iac');
  });

  it('Chart.yaml: apiVersion v2, SemVer version, appVersion string, description, maintainers, kubeVersion, type', () => {
    const helmCase = helmMatrix().find(
      c => c.name === 'gke-basic / longest names and versions',
    )!;
    const chart = YAML.parse(
      renderChart(helmCase).files.get('Chart.yaml')!.toString('utf8'),
    );
    expect(chart).toEqual({
      apiVersion: 'v2',
      name: `o${'r'.repeat(51)}s`,
      description: expect.stringMatching(
        /generated by IaC Forge from the gke-basic template$/,
      ),
      type: 'application',
      version: '10.20.30-rc.1+build.5',
      appVersion: 'v2.3.1_build+7',
      kubeVersion: '>=1.27.0-0',
      keywords: [`o${'r'.repeat(51)}s`, 'iacforge'],
      maintainers: [{ name: `o${'r'.repeat(51)}s-owners` }],
      annotations: {
        'iacforge.io/template': 'gke-basic',
        'iacforge.io/template-version': '1.0.0',
      },
    });
  });

  it('Chart.yaml maintainers come from the governance code owners on platform requests', () => {
    const helmCase = helmMatrix().find(
      c => c.name === 'basic / seed: platform payload (new cluster)',
    )!;
    const withOwners = {
      ...helmCase,
      payload: {
        ...helmCase.payload,
        governance_context: { codeowners: ['@acme/platform-team', '@octocat'] },
      },
    };
    const chart = YAML.parse(
      renderChart(withOwners).files.get('Chart.yaml')!.toString('utf8'),
    );
    expect(chart.maintainers).toEqual([
      {
        name: '@acme/platform-team',
        url: 'https://github.com/orgs/acme/teams/platform-team',
      },
      { name: '@octocat', url: 'https://github.com/octocat' },
    ]);
  });

  it('the README parameters table is generated from values.schema.json and up to date', () => {
    const out = execFileSync(process.execPath, [SCRIPT, '--check'], {
      encoding: 'utf8',
    });
    expect(out).toContain('up to date');
  });

  it.each(['basic', 'aks-basic', 'gke-basic'])(
    '%s: every value is documented in the schema and the README, every schema key is in values.yaml',
    tree => {
      const helmCase = helmMatrix().find(c => c.name === `${tree} / defaults`)!;
      const chart = renderChart(helmCase);
      const values = readValues(chart.files);
      const leaves = schemaLeaves().filter(
        k =>
          !(
            (k.startsWith('aks.') && tree !== 'aks-basic') ||
            (k.startsWith('gke.') && tree !== 'gke-basic')
          ),
      );
      expect(leaves.filter(k => !hasPath(values, k))).toEqual([]);
      const readme = chart.files.get('README.md')!.toString('utf8');
      expect(leaves.filter(k => !readme.includes(`| \`${k}\` |`))).toEqual([]);
      expect(readme).not.toMatch(/\{[=%]|[=%]\}|\{##/);
      expect(Object.keys(values).sort()).toEqual(
        Object.keys(schema.properties)
          .filter(
            k =>
              !(
                (k === 'aks' && tree !== 'aks-basic') ||
                (k === 'gke' && tree !== 'gke-basic')
              ),
          )
          .sort(),
      );
    },
  );

  it('every .Values reference in the templates exists in values.schema.json', () => {
    const leaves = new Set(schemaLeaves());
    const prefixes = new Set(
      [...leaves].flatMap(k =>
        k.split('.').map((_, i, a) => a.slice(0, i + 1).join('.')),
      ),
    );
    const missing: string[] = [];
    for (const tree of ['basic', 'aks-basic', 'gke-basic']) {
      const dir = path.join(helmRoot, tree, 'templates');
      for (const file of listFiles(dir)) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        for (const m of text.matchAll(/\.Values\.([A-Za-z0-9_.]+)/g)) {
          const ref = m[1].replace(/\.$/, '');
          if (!prefixes.has(ref))
            missing.push(`${tree}/templates/${file}: .Values.${ref}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('the generated chart for a helm request is the same tree under charts/<chart_name>', () => {
    const result = requireGenerated(
      getHelmEngine().generate('helm', {
        helm_context: BASE_CONTEXT,
      }),
    );
    const paths = result.files.map(f => f.path);
    expect(paths.every(p => p.startsWith('charts/orders/'))).toBe(true);
    expect(paths).toEqual(
      expect.arrayContaining([
        'charts/orders/Chart.yaml',
        'charts/orders/values.yaml',
        'charts/orders/values.schema.json',
        'charts/orders/README.md',
        'charts/orders/.helmignore',
        'charts/orders/templates/NOTES.txt',
        'charts/orders/templates/_helpers.tpl',
        'charts/orders/ci/all-on-values.yaml',
      ]),
    );
  });
});
