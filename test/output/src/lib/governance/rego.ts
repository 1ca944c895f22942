/*
 * A structural check of Rego (v1) policies. There is no Rego parser or
 * evaluator for Node on npm (no OPA / regorus / tree-sitter-rego build; see
 * docs/governance.md), so the generated repository's own CI runs
 * `conftest verify` and `conftest test`. Offline we check what a reviewer
 * would: the lexical structure (strings, comments, balanced brackets), the
 * package / import lines, that every top-level statement is a well-formed
 * Rego v1 rule head, that every call is a known OPA built-in or a function of
 * the package, that every `lib.x` / `<policy>.deny` reference exists, and that
 * every policy has a test file covering each resource type it inspects.
 */

/** OPA built-ins the policies may call (all exist in OPA 1.x). */
export const OPA_BUILTINS = new Set([
  'array.concat',
  'concat',
  'contains',
  'count',
  'is_array',
  'is_number',
  'is_object',
  'is_string',
  'json.marshal',
  'json.unmarshal',
  'lower',
  'net.cidr_contains',
  'object.filter',
  'object.get',
  'object.keys',
  'object.union',
  'regex.match',
  'sort',
  'split',
  'sprintf',
  'to_number',
]);

const KEYWORDS = new Set([
  'if',
  'else',
  'some',
  'every',
  'in',
  'not',
  'with',
  'as',
  'contains',
  'default',
  'import',
  'package',
]);

export type RegoFile = {
  path: string;
  source: string;
  /** The source with comments and string contents blanked (same length, same lines). */
  code: string;
  pkg?: string;
  imports: string[];
  /** Names of the rules / functions defined at the top level. */
  rules: Set<string>;
  problems: string[];
};

/** Blanks comments and string / raw-string contents; reports lexical problems. */
export function lex(source: string): { code: string; problems: string[] } {
  const problems: string[] = [];
  let code = '';
  const stack: { ch: string; line: number }[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let line = 1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\n') {
      line++;
      code += c;
    } else if (c === '#') {
      while (i < source.length && source[i] !== '\n') {
        code += ' ';
        i++;
      }
      i--;
    } else if (c === '"') {
      code += '"';
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === '\n') {
          problems.push(`line ${line}: unterminated string`);
          break;
        }
        if (source[i] === '\\') {
          code += ' ';
          i++;
        }
        code += ' ';
        i++;
      }
      code += '"';
    } else if (c === '`') {
      code += '`';
      i++;
      while (i < source.length && source[i] !== '`') {
        code += source[i] === '\n' ? '\n' : ' ';
        if (source[i] === '\n') line++;
        i++;
      }
      if (i >= source.length)
        problems.push(`line ${line}: unterminated raw string`);
      code += '`';
    } else {
      if ('([{'.includes(c)) stack.push({ ch: c, line });
      if (')]}'.includes(c)) {
        const open = stack.pop();
        if (!open || open.ch !== pairs[c]) {
          problems.push(`line ${line}: unbalanced "${c}"`);
        }
      }
      code += c;
    }
  }
  for (const open of stack)
    problems.push(`line ${open.line}: "${open.ch}" is never closed`);
  return { code, problems };
}

const NAME = '[a-z_][a-z0-9_]*';
/** Top-level statement forms of Rego v1 (after comments and strings are blanked). */
const HEAD_FORMS: RegExp[] = [
  new RegExp(`^package ${NAME}(\\.${NAME})*$`),
  new RegExp(`^import (rego\\.v1|data(\\.${NAME})+)( as ${NAME})?$`),
  new RegExp(`^default ${NAME} := .+$`),
  // partial set rules (v1: "contains ... if")
  new RegExp(`^${NAME} contains ${NAME} if \\{$`),
  // complete rules and constants
  new RegExp(`^${NAME} := .+$`),
  // functions: f(args) if { / f(args) if expr / f(args) := value [if ...]
  new RegExp(`^${NAME}\\(.*\\) if (\\{|.+)$`),
  new RegExp(`^${NAME}\\(.*\\) := .+$`),
  // rules with a body
  new RegExp(`^${NAME} if \\{$`),
];

/** Parses the structure of one file. */
export function readRego(path: string, source: string): RegoFile {
  const { code, problems } = lex(source);
  const file: RegoFile = {
    path,
    source,
    code,
    imports: [],
    rules: new Set(),
    problems: [...problems],
  };
  const lines = code.split('\n');
  lines.forEach((raw, index) => {
    const text = raw.trimEnd();
    if (!text.trim() || /^\s/.test(text) || /^[}\])]/.test(text)) return; // body, continuation, close
    const where = `${path}:${index + 1}`;
    if (!HEAD_FORMS.some(re => re.test(text))) {
      file.problems.push(
        `${where}: not a Rego v1 rule head: ${source
          .split('\n')
          [index].trim()}`,
      );
      return;
    }
    const pkg = /^package (.+)$/.exec(text);
    if (pkg) {
      if (file.pkg) file.problems.push(`${where}: second package line`);
      file.pkg = pkg[1];
      return;
    }
    const imp = /^import (.+)$/.exec(text);
    if (imp) {
      file.imports.push(imp[1]);
      return;
    }
    if (!file.pkg) file.problems.push(`${where}: rule before the package line`);
    const name = /^(?:default )?([a-z_][a-z0-9_]*)/.exec(text)![1];
    file.rules.add(name);
    if (/\{$/.test(text) && !/ if \{$/.test(text) && !text.includes(':=')) {
      file.problems.push(`${where}: a rule body needs "if" in Rego v1`);
    }
  });
  if (!file.pkg) file.problems.push(`${path}: no package line`);
  if (!file.imports.includes('rego.v1'))
    file.problems.push(`${path}: no "import rego.v1"`);
  // `else` continuations must follow a closing brace
  lines.forEach((raw, index) => {
    if (
      /^\}\s*else\b/.test(raw) &&
      !/^\} else := .+$/.test(raw.trimEnd()) &&
      !/^\} else := .+ if \{$/.test(raw.trimEnd())
    ) {
      file.problems.push(`${path}:${index + 1}: malformed else`);
    }
  });
  return file;
}

/** Calls `name(` in the code that are neither built-ins nor functions of the package / imports. */
export function unknownCalls(
  file: RegoFile,
  importedRules: Map<string, Set<string>>,
): string[] {
  const problems: string[] = [];
  const re = /(?<![\w.])([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\(/g;
  file.code.split('\n').forEach((line, index) => {
    for (const m of line.matchAll(re)) {
      const name = m[1];
      if (KEYWORDS.has(name) || OPA_BUILTINS.has(name) || file.rules.has(name))
        continue;
      const [alias, rule, more] = name.split('.');
      if (rule && !more && importedRules.get(alias)?.has(rule)) continue;
      problems.push(`${file.path}:${index + 1}: unknown function ${name}()`);
    }
  });
  return problems;
}

/** `alias.rule` references to imported packages that do not exist. */
export function unknownReferences(
  file: RegoFile,
  importedRules: Map<string, Set<string>>,
): string[] {
  const problems: string[] = [];
  file.code.split('\n').forEach((line, index) => {
    if (/^import /.test(line)) return;
    for (const [alias, rules] of importedRules) {
      for (const m of line.matchAll(
        new RegExp(`(?<![\\w.])${alias}\\.([a-z_][a-z0-9_]*)`, 'g'),
      )) {
        if (!rules.has(m[1]))
          problems.push(
            `${file.path}:${index + 1}: ${alias}.${m[1]} is not defined`,
          );
      }
    }
  });
  return problems;
}

/** Resource types (aws_*, azurerm_*, google_*) a policy compares against. */
export function inspectedResourceTypes(file: RegoFile): Set<string> {
  const types = new Set<string>();
  for (const m of file.source.matchAll(
    /"((?:aws|azurerm|google)_[a-z0-9_]+)"/g,
  ))
    types.add(m[1]);
  return types;
}

/**
 * Checks a policy folder (path → source of every .rego file). Returns every
 * problem found (empty when the folder is sound).
 */
export function checkPolicyFolder(files: Map<string, string>): string[] {
  const parsed = [...files].map(([path, source]) => readRego(path, source));
  const byPackage = new Map(parsed.filter(f => f.pkg).map(f => [f.pkg!, f]));
  const problems = parsed.flatMap(f => f.problems);
  for (const file of parsed) {
    const imported = new Map<string, Set<string>>();
    for (const imp of file.imports) {
      const m = /^data\.(.+?)(?: as (\w+))?$/.exec(imp);
      if (!m) continue;
      const target = byPackage.get(m[1]);
      const alias = m[2] ?? m[1].split('.').pop()!;
      if (!target)
        problems.push(
          `${file.path}: imports data.${m[1]}, which no file defines`,
        );
      else imported.set(alias, target.rules);
    }
    problems.push(
      ...unknownCalls(file, imported),
      ...unknownReferences(file, imported),
    );
  }
  const policies = parsed.filter(f => !f.path.endsWith('_test.rego'));
  for (const policy of policies) {
    const testPath = policy.path.replace(/\.rego$/, '_test.rego');
    const test = parsed.find(f => f.path === testPath);
    if (!test) {
      problems.push(`${policy.path}: no ${testPath}`);
      continue;
    }
    if (test.pkg !== `${policy.pkg}_test`)
      problems.push(`${testPath}: package should be ${policy.pkg}_test`);
    if (!test.imports.includes(`data.${policy.pkg}`))
      problems.push(`${testPath}: does not import data.${policy.pkg}`);
    const tests = [...test.rules].filter(r => r.startsWith('test_'));
    if (tests.length === 0) problems.push(`${testPath}: no test_ rule`);
    const decisions = ['deny', 'warn'].filter(r => policy.rules.has(r));
    for (const decision of decisions) {
      const alias = policy.pkg!.split('.').pop()!;
      if (!test.source.includes(`${alias}.${decision}`))
        problems.push(`${testPath}: never evaluates ${alias}.${decision}`);
      const rules = (
        policy.code.match(new RegExp(`^${decision} contains`, 'gm')) ?? []
      ).length;
      if (tests.length < rules)
        problems.push(
          `${testPath}: ${tests.length} tests for ${rules} ${decision} rules`,
        );
    }
    if (decisions.length > 0) {
      for (const type of inspectedResourceTypes(policy)) {
        if (!test.source.includes(`"${type}"`))
          problems.push(`${testPath}: no test uses resource type ${type}`);
      }
    }
  }
  return problems;
}
