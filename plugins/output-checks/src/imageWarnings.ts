/*
 * Valid output that will not work as expected: the image of a chart that
 * will never become Ready under the chart's security context (the contract's
 * helmContextWarnings, the same rule the live preview shows). Warnings, not
 * errors: a platform team may rebuild or configure the image.
 *
 * Read from each chart's values.yaml (`image.repository`), which is what a
 * deploy uses: a repository whose values were edited after generation is
 * judged on its current image.
 */
import { helmContextWarnings } from '@iacforge/plugin-iac-common';
import { findChartDirs, joinRel, readDirectory, toFileMap } from './files';
import type { FileInput, Finding } from './types';
import { isPlainObject } from './util';
import { parseYaml } from './yaml';

/** Image warnings of every chart in the files (path → content). */
export function imageWarnings(files: FileInput): Finding[] {
  const map = toFileMap(files);
  const findings: Finding[] = [];
  for (const dir of findChartDirs(map.keys())) {
    const file = joinRel(dir, 'values.yaml');
    const source = map.get(file);
    if (source === undefined) continue;
    const [first] = parseYaml(source).documents;
    const image = isPlainObject(first?.value) ? first.value.image : undefined;
    const repository = isPlainObject(image) ? image.repository : undefined;
    if (typeof repository !== 'string') continue;
    for (const warning of helmContextWarnings({
      image_repository: repository,
    })) {
      findings.push({
        check: 'pod-security',
        severity: 'warning',
        file,
        message: `image.repository: ${warning.message}`,
      });
    }
  }
  return findings;
}

/** Image warnings of every chart under a directory. */
export async function imageWarningsInDirectory(
  dir: string,
  ignoredDirectories?: string[],
): Promise<Finding[]> {
  return imageWarnings(await readDirectory(dir, ignoredDirectories));
}
