/*
 * Renders one template tree against a context into output files:
 * `.njk` files through nunjucks (suffix dropped), every other file copied
 * byte for byte; conditional files per the manifest's `files` rules; every
 * output path normalised under the tree's target folder.
 */
import { minimatch } from 'minimatch';
import nunjucks from 'nunjucks';
import { evaluateWhen } from '@iacforge/plugin-iac-common';
import type { TemplateTree } from '../registry/TemplateRegistry';
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
  try {
    return template.render(context);
  } catch (error) {
    throw new TemplateRenderError(
      `${tree.manifest.kind}/${tree.manifest.name}`,
      file,
      cleanNunjucksMessage(error),
    );
  }
}

/** Whether a file passes every conditional rule whose glob matches it. */
export function isFileIncluded(
  tree: TemplateTree,
  file: { source: string; output: string },
  context: object,
): boolean {
  for (const rule of tree.manifest.files ?? []) {
    const matches =
      minimatch(file.output, rule.path, { dot: true }) ||
      minimatch(file.source, rule.path, { dot: true });
    if (matches && !evaluateWhen(rule.when, context)) {
      return false;
    }
  }
  return true;
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
    const content = file.template
      ? Buffer.from(
          renderTemplate(tree, file.source, file.template, context),
          'utf8',
        )
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
