/*
 * A Terraform module as the offline checks see it: every `.tf` file of one
 * folder parsed with HashiCorp's HCL parser (@cdktf/hcl2json), plus the
 * comment-free source text for reference checks. Parses are cached by
 * content: most renders of the matrix share most files byte for byte.
 */
import path from 'node:path';
import * as hcl2json from '@cdktf/hcl2json';

/** A block body as hcl2json returns it. */
export type Body = Record<string, unknown>;

/** hcl2json's JSON of one file (only the parts the checks read). */
export type HclDocument = {
  terraform?: Body[];
  provider?: Record<string, Body[]>;
  variable?: Record<string, Body[]>;
  output?: Record<string, Body[]>;
  locals?: Body[];
  resource?: Record<string, Record<string, Body[]>>;
  data?: Record<string, Record<string, Body[]>>;
  module?: Record<string, Body[]>;
  check?: Record<string, Body[]>;
};

export type ParsedFile = {
  /** Path relative to the output root. */
  path: string;
  source: string;
  doc: HclDocument;
};

/** The `.tf` files of one folder. */
export type TfModule = {
  /** Folder relative to the output root, e.g. "terraform". */
  dir: string;
  files: ParsedFile[];
};

const parseCache = new Map<string, Promise<HclDocument>>();

/** Parses HCL (cached by content); rejects with the parser's message. */
export function parseHcl(file: string, source: string): Promise<HclDocument> {
  const key = `${path.extname(file)}\u0000${source}`;
  let parsed = parseCache.get(key);
  if (!parsed) {
    parsed = hcl2json.parse(
      path.basename(file),
      source,
    ) as Promise<HclDocument>;
    parseCache.set(key, parsed);
  }
  return parsed;
}

/** Groups the `.tf` files of a file map by folder and parses them. */
export async function loadModules(
  files: Map<string, string>,
): Promise<Map<string, TfModule>> {
  const modules = new Map<string, TfModule>();
  for (const [file, source] of [...files.entries()].sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    if (!file.endsWith('.tf')) continue;
    const dir = path.posix.dirname(file);
    const doc = await parseHcl(file, source);
    if (!modules.has(dir)) modules.set(dir, { dir, files: [] });
    modules.get(dir)!.files.push({ path: file, source, doc });
  }
  return modules;
}

/** Source without comments (`#`, `//` and `/* *\/`), string contents kept. */
export function stripComments(source: string): string {
  let out = '';
  let i = 0;
  let inString = false;
  while (i < source.length) {
    const c = source[i];
    if (inString) {
      out += c;
      if (c === '\\') {
        out += source[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (c === '"') inString = false;
      i++;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      i++;
    } else if (c === '#' || (c === '/' && source[i + 1] === '/')) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (c === '<' && source.startsWith('<<', i)) {
      // heredocs are not used by the trees; keep them verbatim
      out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Entries of a labelled block map, e.g. every `variable "x" { }`. */
export function blocksOf(
  module: TfModule,
  kind: 'variable' | 'output' | 'module' | 'provider',
): { name: string; body: Body; file: string }[] {
  const out: { name: string; body: Body; file: string }[] = [];
  for (const f of module.files) {
    for (const [name, bodies] of Object.entries(f.doc[kind] ?? {})) {
      for (const body of bodies) out.push({ name, body, file: f.path });
    }
  }
  return out;
}

/** Every `resource` / `data` block: type, name, body. */
export function resourcesOf(
  module: TfModule,
  kind: 'resource' | 'data',
): { type: string; name: string; body: Body; file: string }[] {
  const out: { type: string; name: string; body: Body; file: string }[] = [];
  for (const f of module.files) {
    for (const [type, byName] of Object.entries(f.doc[kind] ?? {})) {
      for (const [name, bodies] of Object.entries(byName)) {
        for (const body of bodies) out.push({ type, name, body, file: f.path });
      }
    }
  }
  return out;
}

/** Names of every local value. */
export function localsOf(module: TfModule): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of module.files) {
    for (const block of f.doc.locals ?? []) {
      for (const name of Object.keys(block)) out.set(name, f.path);
    }
  }
  return out;
}

/** `terraform { required_providers { … } }` entries of a module. */
export function requiredProvidersOf(
  module: TfModule,
): Map<string, { source?: string; version?: string; file: string }> {
  const out = new Map<
    string,
    { source?: string; version?: string; file: string }
  >();
  for (const f of module.files) {
    for (const t of f.doc.terraform ?? []) {
      for (const rp of (t.required_providers as Body[] | undefined) ?? []) {
        for (const [name, spec] of Object.entries(rp)) {
          const s = spec as { source?: string; version?: string };
          out.set(name, { source: s.source, version: s.version, file: f.path });
        }
      }
    }
  }
  return out;
}

/** `${…}` wrapper of hcl2json expressions removed, whitespace collapsed. */
export function expressionText(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const m = /^\$\{([\s\S]*)\}$/.exec(value);
  return (m ? m[1] : value).replace(/\s+/g, ' ').trim();
}
