/*
 * Day-2 upgrades, the shared formats: where a generated repository records
 * its answers, the name of its pristine branch, the answers file schema,
 * SemVer precedence and the template lag of a repository. Browser-safe: the
 * entity card, the actions, the engine and the CLI all import these.
 */
import { z } from 'zod';
import { SEMVER_PATTERN, semver } from './fields';
import { ParseResult } from './issues';
import { safeParseWith } from './parse';
import { TEMPLATE_KINDS, templateNameSchema } from './templates';

/** Where a generated repository records how it was generated. */
export const ANSWERS_PATH = '.iacforge/answers.json';

/** The catalog descriptor a generated repository carries. */
export const CATALOG_INFO_PATH = 'catalog-info.yaml';

/**
 * The branch whose commits hold exactly what the generator produced
 * (docs/adr/004-upgrades-pristine-branch.md). `main` starts from it; an
 * upgrade commits the new render here and merges it into a branch from main.
 */
export const PRISTINE_BRANCH = 'iacforge/generated';

/** Upgrade branches are `iacforge-upgrade-<12 hex of the new pristine commit>`. */
export const UPGRADE_BRANCH_PREFIX = 'iacforge-upgrade-';

/** A template used by a generation, as answers.json records it. */
export const recordedTemplateSchema = z
  .object({
    name: templateNameSchema.describe('Template name.'),
    kind: z.enum(TEMPLATE_KINDS).describe('Template kind.'),
    version: semver().describe('Template version (SemVer 2).'),
  })
  .describe('A template tree used by the generation.');

/** A recorded template. */
export type RecordedTemplate = z.output<typeof recordedTemplateSchema>;

/**
 * `.iacforge/answers.json`. Unknown keys are kept (older and newer
 * generators add fields); the ones an upgrade needs are checked.
 */
export const answersFileSchema = z
  .object({
    generator: z
      .object({
        name: z.string().describe('Always "iacforge".'),
        version: z.string().describe('Generator version.'),
      })
      .describe('What wrote the file.'),
    template: z
      .string()
      .nullable()
      .optional()
      .describe('The Template entity that generated the repository.'),
    request: z
      .enum(['terraform', 'helm', 'platform', 'cluster'])
      .describe('The generate request kind.'),
    templates: z
      .array(recordedTemplateSchema)
      .describe('Template trees rendered, with their versions.'),
    payload: z
      .record(z.string(), z.unknown())
      .describe('The validated payload, secrets removed.'),
    content_hash: z
      .string()
      .optional()
      .describe('sha256 of the generated files.'),
    catalog: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'The catalog-info.yaml settings (owner, system, …), so an upgrade can write it again.',
      ),
  })
  .passthrough()
  .describe('.iacforge/answers.json of a generated repository.');

/** A parsed answers file. */
export type AnswersFile = z.output<typeof answersFileSchema>;

/** Parses `.iacforge/answers.json` content (JSON text or a parsed value). Never throws. */
export function parseAnswersFile(input: unknown): ParseResult<AnswersFile> {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return {
        ok: false,
        issues: [
          {
            path: '',
            message: `${ANSWERS_PATH} is not valid JSON: ${
              (error as Error).message
            }`,
          },
        ],
      };
    }
  }
  return safeParseWith(answersFileSchema, value);
}

function parts(version: string) {
  const m = SEMVER_PATTERN.exec(version);
  if (!m) return undefined;
  return {
    core: [Number(m[1]), Number(m[2]), Number(m[3])],
    pre: m[4] === undefined ? [] : m[4].split('.'),
  };
}

/**
 * SemVer 2 precedence: negative when a < b, 0 when equal (build metadata
 * ignored), positive when a > b. Throws on a string that is not SemVer.
 */
export function compareSemver(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb) {
    throw new Error(`Not a SemVer version: ${JSON.stringify(pa ? b : a)}`);
  }
  for (let i = 0; i < 3; i++) {
    if (pa.core[i] !== pb.core[i]) return pa.core[i] - pb.core[i];
  }
  // a pre-release sorts before its release
  if (!pa.pre.length || !pb.pre.length) {
    return pb.pre.length - pa.pre.length;
  }
  for (let i = 0; i < Math.max(pa.pre.length, pb.pre.length); i++) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** How a template's version moves between two generations. */
export type TemplateVersionChange = {
  kind: string;
  name: string;
  /** Absent: the template is new in this generation. */
  from?: string;
  /** Absent: the template is no longer rendered. */
  to?: string;
  change: 'upgrade' | 'downgrade' | 'same' | 'added' | 'removed';
};

/** Compares the templates of two generations by kind/name, versions as SemVer. */
export function templateVersionChanges(
  before: readonly { kind: string; name: string; version: string }[],
  after: readonly { kind: string; name: string; version: string }[],
): TemplateVersionChange[] {
  const key = (t: { kind: string; name: string }) => `${t.kind}/${t.name}`;
  const old = new Map(before.map(t => [key(t), t]));
  const changes: TemplateVersionChange[] = [];
  for (const t of after) {
    const prev = old.get(key(t));
    old.delete(key(t));
    if (!prev) {
      changes.push({
        kind: t.kind,
        name: t.name,
        to: t.version,
        change: 'added',
      });
      continue;
    }
    const cmp = compareSemver(prev.version, t.version);
    let change: TemplateVersionChange['change'] = 'same';
    if (cmp < 0) change = 'upgrade';
    if (cmp > 0) change = 'downgrade';
    changes.push({
      kind: t.kind,
      name: t.name,
      from: prev.version,
      to: t.version,
      change,
    });
  }
  for (const t of old.values()) {
    changes.push({
      kind: t.kind,
      name: t.name,
      from: t.version,
      change: 'removed',
    });
  }
  return changes;
}

/** `kind/name@version,…` (the templates annotation) → recorded templates; bad entries are skipped. */
export function parseTemplatesAnnotation(
  value: string | undefined,
): { kind: string; name: string; version: string }[] {
  if (!value) return [];
  return value.split(',').flatMap(entry => {
    const m = /^([a-z]+)\/([a-z0-9-]+)@(.+)$/.exec(entry.trim());
    return m && SEMVER_PATTERN.test(m[3])
      ? [{ kind: m[1], name: m[2], version: m[3] }]
      : [];
  });
}

/**
 * Templates with a newer version available (the lag an entity card shows
 * and the catalog annotates). A recorded template without a kind matches
 * by name; versions that are not SemVer are skipped.
 */
export function templateLag(
  recorded: readonly { kind?: string; name: string; version?: string }[],
  available: readonly { kind: string; name: string; version: string }[],
): { kind: string; name: string; from: string; to: string }[] {
  return recorded.flatMap(r => {
    if (!r.version || !SEMVER_PATTERN.test(r.version)) return [];
    const newest = available
      .filter(
        a =>
          a.name === r.name &&
          (!r.kind || a.kind === r.kind) &&
          SEMVER_PATTERN.test(a.version),
      )
      .sort((x, y) => compareSemver(y.version, x.version))[0];
    if (!newest || compareSemver(newest.version, r.version) <= 0) return [];
    return [
      { kind: newest.kind, name: r.name, from: r.version, to: newest.version },
    ];
  });
}

/** `aws-eks 1.0.0 → 1.2.0, basic 1.0.0 → 1.1.0` */
export function formatTemplateLag(
  lag: readonly { name: string; from: string; to: string }[],
): string {
  return lag.map(l => `${l.name} ${l.from} → ${l.to}`).join(', ');
}

/** Name of the Template that upgrades a generated repository. */
export const UPGRADE_TEMPLATE_NAME = 'iacforge-upgrade';

/**
 * The repository of a URL on the portal's git host (`<baseUrl>/<owner>/<repo>/…`,
 * e.g. an entity's backstage.io/managed-by-location, with or without `url:`),
 * or undefined for any other URL.
 */
export function localGitRepositoryOf(
  location: string,
  gitBaseUrl: string,
): { owner: string; repo: string } | undefined {
  const raw = location.replace(/^url:/, '');
  const base = gitBaseUrl.replace(/\/+$/, '');
  if (!raw.startsWith(`${base}/`)) return undefined;
  const [owner, repo] = raw.slice(base.length + 1).split('/');
  if (!owner || !repo) return undefined;
  return { owner, repo: repo.replace(/\.git$/, '') };
}
