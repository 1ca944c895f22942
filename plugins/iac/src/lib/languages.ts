/*
 * File → highlighter language, plus highlight.js grammars for HCL and Rego.
 * The viewer uses react-syntax-highlighter's async highlight.js build, the
 * one Backstage's CodeSnippet already ships (YAML, JSON, Markdown, Bash …
 * load as chunks on demand); highlight.js has no HCL or Rego, so they are
 * registered here (small grammars, enough for reading generated code).
 */

/** Highlighter language of a generated file. */
export function languageOf(path: string): string {
  const name = path.split('/').pop()?.toLowerCase() ?? '';
  if (name.endsWith('.tfvars.json') || name.endsWith('.json')) return 'json';
  if (/\.(tf|tfvars|hcl|tftest\.hcl)$/.test(name)) return 'hcl';
  if (name.endsWith('.rego')) return 'rego';
  if (/\.(ya?ml)$/.test(name) || name === '.yamllint') return 'yaml';
  if (/\.(md|markdown)$/.test(name)) return 'markdown';
  if (/\.(sh|bash)$/.test(name)) return 'bash';
  if (name === 'dockerfile' || name.endsWith('.dockerfile')) {
    return 'dockerfile';
  }
  if (name === 'makefile') return 'makefile';
  if (name.endsWith('.tpl')) return 'go-template';
  if (
    name === '.helmignore' ||
    name === '.gitignore' ||
    name === 'codeowners' ||
    name === '.terraform-version'
  ) {
    return 'ignorefile';
  }
  return 'text';
}

/** Short label for the language badge. */
export function languageLabel(language: string): string {
  switch (language) {
    case 'hcl':
      return 'HCL';
    case 'rego':
      return 'Rego';
    case 'yaml':
      return 'YAML';
    case 'json':
      return 'JSON';
    case 'markdown':
      return 'Markdown';
    case 'bash':
      return 'Shell';
    case 'go-template':
      return 'Go template';
    default:
      return language === 'text' ? 'Text' : language;
  }
}

// highlight.js 10 grammar objects are plain data; typed loosely on purpose.
type HljsApi = {
  COMMENT: (
    begin: string | RegExp,
    end: string | RegExp,
    opts?: object,
  ) => object;
  HASH_COMMENT_MODE: object;
  C_LINE_COMMENT_MODE: object;
  C_BLOCK_COMMENT_MODE: object;
  BACKSLASH_ESCAPE: object;
  C_NUMBER_MODE: object;
};

/** highlight.js grammar for HCL / Terraform. */
export function hcl(hljs: HljsApi) {
  const interpolation = {
    className: 'subst',
    begin: /[$%]\{/,
    end: /\}/,
    contains: [{ className: 'variable', begin: /[A-Za-z_][\w.\-[\]*]*/ }],
  };
  const string = {
    className: 'string',
    begin: /"/,
    end: /"/,
    contains: [hljs.BACKSLASH_ESCAPE, interpolation],
  };
  const heredoc = {
    className: 'string',
    begin: /<<-?\s*([A-Z_]+)\s*$/,
    end: /^\s*[A-Z_]+\s*$/,
    contains: [interpolation],
  };
  return {
    name: 'HCL',
    aliases: ['terraform', 'tf'],
    keywords: {
      keyword:
        'resource data variable output locals module provider terraform ' +
        'backend required_providers dynamic content for in if moved import ' +
        'check removed lifecycle',
      literal: 'true false null',
      built_in:
        'string number bool list map set object tuple any ' +
        'var local module data each count path self',
    },
    contains: [
      hljs.HASH_COMMENT_MODE,
      hljs.C_LINE_COMMENT_MODE,
      hljs.C_BLOCK_COMMENT_MODE,
      heredoc,
      string,
      {
        className: 'attr',
        begin: /^\s*[A-Za-z_][\w-]*(?=\s*=(?!=))/,
      },
      {
        className: 'title',
        begin: /\b[a-z_][\w-]*(?=\()/,
      },
      hljs.C_NUMBER_MODE,
    ],
  };
}

/** highlight.js grammar for Rego (OPA). */
export function rego(hljs: HljsApi) {
  return {
    name: 'Rego',
    keywords: {
      keyword:
        'package import as default else not with some every in if contains',
      literal: 'true false null',
      built_in:
        'input data count sum max min sort startswith endswith contains ' +
        'sprintf concat object array set json yaml regex time',
    },
    contains: [
      hljs.HASH_COMMENT_MODE,
      {
        className: 'string',
        begin: /"/,
        end: /"/,
        contains: [hljs.BACKSLASH_ESCAPE],
      },
      { className: 'string', begin: /`/, end: /`/ },
      {
        className: 'title',
        begin: /^[a-z_][\w]*(?=(\s*(\[|\{|:=|=|if|contains)))/,
      },
      hljs.C_NUMBER_MODE,
    ],
  };
}
