import type { Finding } from '../types';
import { cloudConstraintsRule } from './cloudConstraints';
import { podSecurityRule } from './podSecurity';
import { identityRule } from './identity';
import { requiredChecksRule } from './requiredChecks';
import { tflintLayoutRule } from './tflintLayout';
import type { SemanticInput, SemanticRule } from './types';

export type { ManifestObject, SemanticInput, SemanticRule } from './types';

/**
 * Every semantic rule, in the order they run. Add a rule by adding a file
 * beside this one (with good and broken fixtures in its test) and one line
 * here.
 */
export const SEMANTIC_RULES: SemanticRule[] = [
  podSecurityRule,
  cloudConstraintsRule,
  requiredChecksRule,
  tflintLayoutRule,
  identityRule,
];

/**
 * Runs every rule on the checked tree. Identical findings (the same object
 * rendered with several values sets) are reported once.
 */
export function runSemanticRules(
  input: SemanticInput,
  rules: SemanticRule[] = SEMANTIC_RULES,
): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const finding of rule.run(input)) {
      const key = JSON.stringify([
        finding.check,
        finding.file,
        finding.line ?? 0,
        finding.message,
      ]);
      if (!seen.has(key)) {
        seen.add(key);
        findings.push(finding);
      }
    }
  }
  return findings;
}
