import { Finding } from './types';

/**
 * One line per finding, for humans: `file:line: [check] message`
 * (`file:line:column:` when the column is known, `warning:` for warnings).
 */
export function formatFindings(findings: Finding[]): string {
  return findings
    .map(f => {
      let where = f.file;
      if (f.line !== undefined) {
        where += `:${f.line}`;
        if (f.column !== undefined) {
          where += `:${f.column}`;
        }
      }
      const severity = f.severity === 'warning' ? 'warning: ' : '';
      return `${where}: [${f.check}] ${severity}${f.message}`;
    })
    .join('\n');
}
