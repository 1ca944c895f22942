/*
 * The engine: payload in, sorted in-memory file map out. Validates the payload
 * against the contract (and the selected templates against the registry),
 * takes the secrets out before anything is rendered, picks the trees for the
 * cloud and renders them. Knows nothing of Backstage: the scaffolder actions,
 * the REST API and the CLI are thin adapters around it.
 */
import { createHash } from 'node:crypto';
import {
  Cloud,
  effectiveCodeowners,
  evaluateWhen,
  GENERATE_KINDS,
  GenerateKind,
  identityRoles,
  parseClusterPayload,
  parseHelmPayload,
  parsePlatformPayload,
  parseTerraformPayload,
  resolveTemplateNames,
  stripSecrets,
  summarizeIssues,
  TemplateKind,
  TemplateSelection,
  validateTemplateSelection,
  ValidationIssue,
} from '@iacforge/plugin-iac-common';
import { TemplateRegistry, TemplateTree } from './registry/TemplateRegistry';
import { comparePaths } from './render/paths';
import {
  GeneratedFile,
  renderTree,
  TemplateRenderError,
} from './render/renderTree';
import { filterIssues } from './render/filterIssues';

// the request kinds are the contract's (wire.ts)
export { GENERATE_KINDS };
export type { GenerateKind };

/** Which tree kinds each request may render. */
const KINDS_FOR: Record<GenerateKind, readonly TemplateKind[]> = {
  terraform: ['terraform'],
  helm: ['helm'],
  platform: ['terraform', 'helm', 'governance', 'gitops'],
  // a new cluster with its add-ons and governance, no workload chart
  cluster: ['terraform', 'governance'],
};

/**
 * The issues of an invalid payload as an exception, for the APIs that throw
 * (upgradeRepository, requireGenerated): every problem with its field path.
 */
export class PayloadValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`Invalid payload: ${summarizeIssues(issues)}`);
    this.name = 'PayloadValidationError';
  }
}

/** A template as listed by the API and the CLI. */
export type TemplateSummary = {
  name: string;
  kind: TemplateKind;
  version: string;
  description: string;
  clouds: string[];
  /** `selected`: chosen by name per cloud; `auto`: added when its condition holds. */
  include: 'selected' | 'auto';
};

/** A template used by a generation. */
export type ResolvedTemplate = {
  name: string;
  kind: TemplateKind;
  version: string;
};

/** A secret taken out of the payload: never rendered, handed to the publisher. */
export type ExtractedSecret = { field: string; value: string };

export type GenerateResult = {
  kind: GenerateKind;
  /** Sorted by path (byte order). */
  files: GeneratedFile[];
  templates: ResolvedTemplate[];
  /** The validated payload with defaults applied and secrets removed. */
  payload: Record<string, unknown>;
  secrets: ExtractedSecret[];
  /** sha256 over every path, mode and content digest: identical input → identical hash. */
  contentHash: string;
};

/**
 * What generate answers: the files, or every problem of the input with its
 * field path (schema, cross-field rules, template selection, values an
 * escaping filter refuses). A fault of the template trees is not an
 * outcome: it throws TemplateRenderError.
 */
export type GenerateOutcome =
  | ({ ok: true } & GenerateResult)
  | { ok: false; issues: ValidationIssue[] };

/** The result of a generation, or PayloadValidationError with its issues. */
export function requireGenerated(outcome: GenerateOutcome): GenerateResult {
  if (!outcome.ok) {
    throw new PayloadValidationError(outcome.issues);
  }
  return outcome;
}

/** sha256 of file contents, per Buffer (files copied from a tree share its Buffer). */
const contentDigests = new WeakMap<Buffer, Buffer>();

function contentDigest(content: Buffer): Buffer {
  let digest = contentDigests.get(content);
  if (!digest) {
    digest = createHash('sha256').update(content).digest();
    contentDigests.set(content, digest);
  }
  return digest;
}

/**
 * Hash of a file map: every path, mode and the sha256 of its bytes, in
 * order. A file's own digest is computed once per content Buffer.
 */
export function hashFiles(files: GeneratedFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f.path);
    hash.update('\0');
    hash.update(f.mode.toString(8));
    hash.update('\0');
    hash.update(contentDigest(f.content));
  }
  return hash.digest('hex');
}

/** The template-selecting fields of a validated payload, for a request kind. */
function selectionOf(
  kind: GenerateKind,
  payload: Record<string, unknown>,
): TemplateSelection {
  return {
    cloud: payload.cloud as TemplateSelection['cloud'],
    // a helm request never renders Terraform
    existing_cluster: kind === 'helm' || Boolean(payload.existing_cluster),
    terraform_template: payload.terraform_template as string | undefined,
    helm_template: payload.helm_template as string | undefined,
  };
}

function parseFor(kind: GenerateKind, input: unknown) {
  switch (kind) {
    case 'terraform':
      return parseTerraformPayload(input);
    case 'helm':
      return parseHelmPayload(input);
    case 'cluster':
      return parseClusterPayload(input);
    default:
      return parsePlatformPayload(input);
  }
}

export class IacEngine {
  private current: TemplateRegistry;
  private swaps = 0;

  constructor(registry: TemplateRegistry) {
    this.current = registry;
  }

  /** The trees rendered now (replaced as a whole by replaceRegistry). */
  get registry(): TemplateRegistry {
    return this.current;
  }

  /**
   * Which set of trees is served: 0 at start, one more after each
   * replaceRegistry (answers cached per generation stay correct).
   */
  get generation(): number {
    return this.swaps;
  }

  /**
   * Serves another, already loaded set of trees. The swap is atomic: a
   * generate call (synchronous) renders entirely from one set.
   */
  replaceRegistry(registry: TemplateRegistry): void {
    this.current = registry;
    this.swaps += 1;
  }

  /** Loads the trees under the roots (see TemplateRegistry.load). */
  static fromRoots(roots: string[]): IacEngine {
    return new IacEngine(TemplateRegistry.load(roots));
  }

  templates(): TemplateSummary[] {
    return this.registry.list().map(t => ({
      name: t.manifest.name,
      kind: t.manifest.kind,
      version: t.manifest.version,
      description: t.manifest.description,
      clouds: [...t.manifest.clouds],
      include: t.manifest.include ?? 'selected',
    }));
  }

  /**
   * Validates the input for a request kind: contract schema plus template
   * selection. Returns the parsed payload or every issue; never throws for
   * bad input.
   */
  validate(
    kind: GenerateKind,
    input: unknown,
  ):
    | { ok: true; payload: Record<string, unknown> }
    | { ok: false; issues: ValidationIssue[] } {
    const parsed = parseFor(kind, input);
    if (!parsed.ok) {
      return { ok: false, issues: parsed.issues };
    }
    const payload = parsed.value as Record<string, unknown>;
    const issues = validateTemplateSelection(
      selectionOf(kind, payload),
      this.registry.list().map(t => t.manifest),
    ).filter(issue =>
      // only the parts the request renders are checked
      issue.path === 'helm_template'
        ? KINDS_FOR[kind].includes('helm')
        : issue.path !== 'terraform_template' ||
          KINDS_FOR[kind].includes('terraform'),
    );
    return issues.length ? { ok: false, issues } : { ok: true, payload };
  }

  /** The trees a validated payload renders, in a stable order. */
  resolveTrees(
    kind: GenerateKind,
    payload: Record<string, unknown>,
  ): TemplateTree[] {
    const names = resolveTemplateNames(selectionOf(kind, payload));
    const kinds = KINDS_FOR[kind];
    const trees: TemplateTree[] = [];
    if (kinds.includes('terraform') && names.terraform) {
      trees.push(this.registry.get('terraform', names.terraform)!);
    }
    if (kinds.includes('helm')) {
      trees.push(this.registry.get('helm', names.helm)!);
    }
    const cloud = payload.cloud as string | undefined;
    for (const tree of this.registry.list()) {
      const m = tree.manifest;
      if (
        (m.include ?? 'selected') === 'auto' &&
        kinds.includes(m.kind) &&
        (!cloud || (m.clouds as readonly string[]).includes(cloud)) &&
        (m.when ?? []).every(w => evaluateWhen(w, payload))
      ) {
        trees.push(tree);
      }
    }
    return trees;
  }

  /**
   * Generates the files for a request. Bad input is never thrown: it is an
   * `{ ok: false, issues }` outcome, like validate's. Throws only for faults
   * that are not the input's: TemplateRenderError when a tree cannot render
   * (a template bug, overlapping targets), or an unexpected error.
   */
  generate(kind: GenerateKind, input: unknown): GenerateOutcome {
    const validated = this.validate(kind, input);
    if (!validated.ok) {
      return { ok: false, issues: validated.issues };
    }
    const { payload, secrets } = stripSecrets(validated.payload);
    const trees = this.resolveTrees(kind, payload);
    const templates = trees.map(t => ({
      name: t.manifest.name,
      kind: t.manifest.kind,
      version: t.manifest.version,
    }));
    const context = {
      // a cluster request creates a cluster: trees may test existing_cluster
      existing_cluster: false,
      ...payload,
      iacforge: {
        request: kind,
        templates,
        // CODEOWNERS: the explicit list, else the owner mapped to GitHub
        codeowners: effectiveCodeowners(
          (payload.governance_context ?? {}) as Parameters<
            typeof effectiveCodeowners
          >[0],
        ),
        // the roles of the plan and apply identities (OIDC guide, bootstrap/)
        identity: payload.cloud
          ? identityRoles(payload.cloud as Cloud)
          : undefined,
      },
    };
    const byPath = new Map<string, GeneratedFile>();
    for (const tree of trees) {
      let rendered: GeneratedFile[];
      try {
        rendered = renderTree(tree, context);
      } catch (error) {
        // a value the contract accepts but a filter refuses: the input's fault
        const issues = filterIssues(error, payload);
        if (issues) {
          return { ok: false, issues };
        }
        throw error;
      }
      for (const file of rendered) {
        const other = byPath.get(file.path);
        if (other) {
          throw new TemplateRenderError(
            file.template,
            file.path,
            `also written by ${other.template}; template targets overlap`,
          );
        }
        byPath.set(file.path, file);
      }
    }
    const files = [...byPath.values()].sort((a, b) =>
      comparePaths(a.path, b.path),
    );
    return {
      ok: true,
      kind,
      files,
      templates,
      payload,
      secrets: Object.entries(secrets).map(([field, value]) => ({
        field,
        value: value as string,
      })),
      contentHash: hashFiles(files),
    };
  }
}
