/*
 * What the entity card reads: the annotations written by the IaC Forge
 * templates and links derived from the source location.
 */
import {
  CLOUD_CATALOG,
  CLOUDS,
  Cloud,
  payloadToForm,
} from '@iacforge/plugin-iac-common';

import {
  ANNOTATION_CLOUD,
  ANNOTATION_CLUSTER,
  ANNOTATION_MANAGED_BY_LOCATION,
  ANNOTATION_REGION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TEMPLATES,
} from './annotations';

export { hasIacAnnotations } from './annotations';

/** A template recorded on the entity: `[kind/]name@version`. */
export interface TemplateRef {
  name: string;
  version?: string;
  /** terraform, helm, governance, gitops (when recorded). */
  kind?: string;
}

export interface IacAnnotations {
  cloud?: string;
  /** Known cloud (undefined when the annotation holds something else). */
  knownCloud?: Cloud;
  existingCluster: boolean;
  region?: string;
  cluster?: string;
  templates: TemplateRef[];
  sourceLocation?: string;
}

type EntityLike = { metadata: { annotations?: Record<string, string> } };

/** Parses "terraform/aws-eks@1.2.0, basic@0.3.0" (kinds and versions optional). */
export function parseTemplates(value: string | undefined): TemplateRef[] {
  return (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(item => {
      const at = item.lastIndexOf('@');
      const ref: TemplateRef =
        at > 0
          ? {
              name: item.slice(0, at),
              version: item.slice(at + 1) || undefined,
            }
          : { name: item };
      const slash = ref.name.indexOf('/');
      if (slash > 0 && slash < ref.name.length - 1) {
        ref.kind = ref.name.slice(0, slash);
        ref.name = ref.name.slice(slash + 1);
      }
      return ref;
    });
}

export function readIacAnnotations(entity: EntityLike): IacAnnotations {
  const a = entity.metadata.annotations ?? {};
  const raw = a[ANNOTATION_CLOUD]?.trim() || undefined;
  // "existing" or "existing:aws" for a cluster that was not provisioned
  const [head, tail] = (raw ?? '').split(':');
  const existingCluster = head === 'existing';
  const cloudName = existingCluster ? tail : head;
  const knownCloud = (CLOUDS as readonly string[]).includes(cloudName)
    ? (cloudName as Cloud)
    : undefined;
  return {
    cloud: raw,
    knownCloud,
    existingCluster,
    region: a[ANNOTATION_REGION]?.trim() || undefined,
    cluster: a[ANNOTATION_CLUSTER]?.trim() || undefined,
    templates: parseTemplates(a[ANNOTATION_TEMPLATES]),
    sourceLocation:
      a[ANNOTATION_SOURCE_LOCATION]?.trim() ||
      folderOfLocation(a[ANNOTATION_MANAGED_BY_LOCATION]),
  };
}

/**
 * `url:<folder>/` of a `url:` location (the catalog file's folder). The
 * catalog only writes backstage.io/source-location for hosts with an SCM
 * integration; for others (the embedded git host) the location it was
 * registered from says where the repository is.
 */
function folderOfLocation(location: string | undefined): string | undefined {
  if (!location?.startsWith('url:')) return undefined;
  try {
    return `url:${new URL('./', location.slice(4)).toString()}`;
  } catch {
    return undefined;
  }
}

/** "AWS EKS", "Existing cluster (aws)" … */
export function cloudLabel(annotations: IacAnnotations): string | undefined {
  if (!annotations.cloud) return undefined;
  const known = annotations.knownCloud
    ? CLOUD_CATALOG[annotations.knownCloud].label
    : undefined;
  if (annotations.existingCluster) {
    return known ? `Existing cluster (${known})` : 'Existing cluster';
  }
  return known ?? annotations.cloud;
}

/** The catalog label of a region, when known. */
export function regionLabel(
  cloud: Cloud | undefined,
  region: string | undefined,
): string | undefined {
  if (!cloud || !region) return undefined;
  return CLOUD_CATALOG[cloud].regions.find(r => r.id === region)?.label;
}

/** A link of the card's repository section. */
export interface RepoLink {
  title: string;
  url: string;
}

export interface RepoLinks {
  /** Source, workflows, workflow runs, generated docs, README … */
  links: RepoLink[];
  /** `git clone` URL, when known (the embedded git host). */
  cloneUrl?: string;
  /** `.iacforge/answers.json` in the repository (for people). */
  answers: string;
}

/** The embedded git host: …/git/<owner>/<repo>/blob/<ref>/<dir>. */
const LOCAL_GIT = /^(.*\/git)\/([^/]+)\/([^/]+)\/blob\/([^/]+)\/?(.*)$/;

/** True when the templates include the governance tree (workflows, docs). */
function hasGovernance(templates: TemplateRef[] | undefined): boolean {
  return (templates ?? []).some(
    t => t.kind === 'governance' || t.name === 'github-actions',
  );
}

/**
 * Links into the generated repository, from `url:<tree URL>` (GitHub, the
 * embedded git host, or any host serving files under that URL).
 */
export function repoLinks(
  sourceLocation: string | undefined,
  templates?: TemplateRef[],
): RepoLinks | undefined {
  if (!sourceLocation) return undefined;
  const location = sourceLocation.replace(/^url:/, '');
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  url.search = '';
  url.hash = '';
  const segments = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'github.com' && segments.length >= 2) {
    const [owner, repoName, mode, ref, ...rest] = segments;
    const repo = repoName.replace(/\.git$/, '');
    const repository = `https://github.com/${owner}/${repo}`;
    const branch = (mode === 'tree' || mode === 'blob') && ref ? ref : 'HEAD';
    const dir = rest.length ? `${rest.join('/')}/` : '';
    const tree = `${repository}/tree/${branch}/`;
    const blob = `${repository}/blob/${branch}/`;
    return {
      links: [
        { title: 'Source', url: repository },
        { title: 'Workflows', url: `${tree}.github/workflows` },
        { title: 'Workflow runs', url: `${repository}/actions` },
        { title: 'Generated docs', url: `${tree}${dir}docs` },
        { title: 'README', url: `${blob}${dir}README.md` },
      ],
      cloneUrl: `${repository}.git`,
      answers: `${blob}${dir}.iacforge/answers.json`,
    };
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  const base = url.toString();
  const file = (p: string) => new URL(p, base).toString();
  const local = LOCAL_GIT.exec(url.pathname);
  if (local) {
    // the embedded git host serves files, not folders: link the files the
    // governance tree writes
    const [, prefix, owner, repo] = local;
    const links: RepoLink[] = [{ title: 'README', url: file('README.md') }];
    if (hasGovernance(templates)) {
      links.push(
        {
          title: 'Governance guide',
          url: file('docs/INFRA_GOVERNANCE_AND_ORCHESTRATION.md'),
        },
        {
          title: 'Plan workflow',
          url: file('.github/workflows/infra-plan.yml'),
        },
        {
          title: 'Apply workflow',
          url: file('.github/workflows/infra-apply.yml'),
        },
        {
          title: 'Drift workflow',
          url: file('.github/workflows/infra-drift-detection.yml'),
        },
      );
    }
    return {
      links,
      cloneUrl: `${url.origin}${prefix}/${owner}/${repo}.git`,
      answers: file('.iacforge/answers.json'),
    };
  }
  return {
    links: [
      { title: 'Source', url: base },
      { title: 'Workflows', url: file('.github/workflows/') },
      { title: 'Generated docs', url: file('docs/') },
      { title: 'README', url: file('README.md') },
    ],
    answers: file('.iacforge/answers.json'),
  };
}

/** A few facts from `.iacforge/answers.json`, read leniently (its shape may evolve). */
export interface AnswersSummary {
  generatedAt?: string;
  contentHash?: string;
  generator?: string;
  /** The Template entity that generated the repository. */
  template?: string;
  templates: TemplateRef[];
  facts: Array<[string, string]>;
  /** Recorded values the upgrade Template's optional fields start from. */
  upgradeForm: Record<string, string | number>;
}

function pick(obj: unknown, path: string): unknown {
  let node = obj;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

export function summarizeAnswers(
  answers: Record<string, unknown>,
): AnswersSummary {
  const payload =
    (['payload', 'answers', 'parameters', 'input']
      .map(k => answers[k])
      .find(v => v && typeof v === 'object' && !Array.isArray(v)) as
      | Record<string, unknown>
      | undefined) ?? answers;
  const templatesRaw = answers.templates ?? pick(answers, 'iacforge.templates');
  let templates: TemplateRef[] = [];
  if (Array.isArray(templatesRaw)) {
    templates = templatesRaw.flatMap(t => {
      if (typeof t === 'string') return parseTemplates(t);
      const name = text(pick(t, 'name'));
      return name
        ? [
            {
              name,
              version: text(pick(t, 'version')),
              kind: text(pick(t, 'kind')),
            },
          ]
        : [];
    });
  } else if (typeof templatesRaw === 'string') {
    templates = parseTemplates(templatesRaw);
  }
  const upgradeForm: Record<string, string | number> = {};
  const recordedTag = pick(payload, 'helm_context.image_tag');
  const replicas = pick(payload, 'helm_context.replica_count');
  if (typeof recordedTag === 'string' && recordedTag) {
    upgradeForm.image_tag = recordedTag;
  }
  if (typeof replicas === 'number') upgradeForm.replica_count = replicas;
  const facts: Array<[string, string]> = [];
  // the contract's reverse mapping: region and node size whatever the cloud
  const form = payloadToForm(payload);
  const add = (label: string, value: unknown) => {
    const shown = text(value);
    if (shown) facts.push([label, shown]);
  };
  add('Cloud', pick(payload, 'cloud'));
  add('Existing cluster', pick(payload, 'existing_cluster'));
  add('Region', form.region);
  add('Cluster', form.cluster_name);
  add('Kubernetes', form.kubernetes_version);
  add('Environment', form.environment);
  add('Node size', pick(form, 'node_pool.instance_type'));
  add('Chart', form.chart_name);
  add('Namespace', form.namespace);
  const repo = text(form.image_repository);
  const tag = text(form.image_tag);
  if (repo) facts.push(['Image', tag ? `${repo}:${tag}` : repo]);
  return {
    generatedAt: text(answers.generated_at ?? answers.generatedAt),
    contentHash: text(answers.content_hash ?? answers.contentHash),
    generator:
      text(answers.generator) ??
      ([
        text(pick(answers, 'generator.name')),
        text(pick(answers, 'generator.version')),
      ]
        .filter(Boolean)
        .join(' ') ||
        undefined),
    template: text(answers.template),
    templates,
    facts,
    upgradeForm,
  };
}
