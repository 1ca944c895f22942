/*
 * Renders one template tree against a context into output files:
 * `.njk` files through nunjucks (suffix dropped), every other file copied
 * byte for byte; conditional files per the manifest's `files` rules; every
 * output path normalised under the tree's target folder.
 */
import { Minimatch } from 'minimatch';
import nunjucks from 'nunjucks';
import { evaluateWhen } from '@iacforge/plugin-iac-common';
import type { TemplateTree } from '../registry/TemplateRegistry';
import { FilterError, takeFilterError } from './filters';
import { internContent } from './internedContent';
import { joinOutputPath, normalizeOutputPath } from './paths';

/** One generated file. */
export type GeneratedFile = {
  /** POSIX path relative to the output root. */
  path: string;
  content: Buffer;
  /** Unix mode: 0o644, or 0o755 for executables. */
  mode: number;
  /** The tree it came from, as `kind/name`. */
  template: string;
};

/** A template failed to render: which tree, which file, why. */
export class TemplateRenderError extends Error {
  constructor(
    readonly template: string,
    readonly file: string,
    readonly reason: string,
    /** Set when an escaping filter refused a value: the input's fault. */
    readonly filterError?: FilterError,
  ) {
    super(`${template}: ${file}: ${reason}`);
    this.name = 'TemplateRenderError';
  }
}

/** Turns nunjucks' "Template render error: (file) [Line 3, Column 4]\n Error: x" into one line. */
function cleanNunjucksMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const where = /\[Line (\d+), Column (\d+)\]/.exec(message);
  const reason =
    message
      .split('\n')
      .map(l => l.trim())
      .filter(Boolean)
      .pop()
      ?.replace(/^(Template render error:|Error:)\s*/, '') ?? message;
  return where ? `line ${where[1]}: ${reason}` : reason;
}

function renderTemplate(
  tree: TemplateTree,
  file: string,
  template: nunjucks.Template,
  context: object,
): string {
  takeFilterError();
  try {
    return template.render(context);
  } catch (error) {
    throw new TemplateRenderError(
      `${tree.manifest.kind}/${tree.manifest.name}`,
      file,
      cleanNunjucksMessage(error),
      takeFilterError(),
    );
  }
}

/** Compiled globs, by pattern: compiling is far costlier than matching. */
const matchers = new Map<string, Minimatch>();

function matcher(pattern: string): Minimatch {
  let m = matchers.get(pattern);
  if (!m) {
    m = new Minimatch(pattern, { dot: true });
    matchers.set(pattern, m);
  }
  return m;
}

type Rule = { path: string; when: string };

/**
 * The rules whose glob matches each file of a tree: globs and paths never
 * change after loading, so only the `when` conditions are evaluated per
 * render.
 */
const rulesByFile = new WeakMap<TemplateTree, Map<string, Rule[]>>();

function rulesFor(
  tree: TemplateTree,
  file: { source: string; output: string },
): Rule[] {
  let byFile = rulesByFile.get(tree);
  if (!byFile) {
    byFile = new Map();
    rulesByFile.set(tree, byFile);
  }
  let rules = byFile.get(file.source);
  if (!rules) {
    rules = (tree.manifest.files ?? []).filter(rule => {
      const glob = matcher(rule.path);
      return glob.match(file.output) || glob.match(file.source);
    });
    byFile.set(file.source, rules);
  }
  return rules;
}

/** Whether a file passes every conditional rule whose glob matches it. */
export function isFileIncluded(
  tree: TemplateTree,
  file: { source: string; output: string },
  context: object,
): boolean {
  return rulesFor(tree, file).every(rule => evaluateWhen(rule.when, context));
}

/** Renders a tree. The context is the parsed payload plus engine metadata. */
export function renderTree(
  tree: TemplateTree,
  context: object,
): GeneratedFile[] {
  const name = `${tree.manifest.kind}/${tree.manifest.name}`;
  const prefix = tree.target
    ? normalizeOutputPath(
        renderTemplate(tree, 'target', tree.target, context).trim(),
      )
    : '';
  const files: GeneratedFile[] = [];
  for (const file of tree.files) {
    if (!isFileIncluded(tree, file, context)) {
      continue;
    }
    // the same text as an earlier render gives the same Buffer (its digest
    // and preview JSON are then reused): internedContent.ts
    const content = file.template
      ? internContent(renderTemplate(tree, file.source, file.template, context))
      : file.content;
    let outPath: string;
    try {
      outPath = joinOutputPath(prefix, file.output);
    } catch (error) {
      throw new TemplateRenderError(
        name,
        file.source,
        (error as Error).message,
      );
    }
    files.push({ path: outPath, content, mode: file.mode, template: name });
  }
  return files;
}
