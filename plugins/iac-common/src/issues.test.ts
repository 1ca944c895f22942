import {
  countProblems,
  formatIssue,
  formatIssues,
  formatPath,
  summarizeIssues,
} from './issues';

describe('issue formatting', () => {
  const issues = [
    { path: 'helm_context.chart_name', message: 'Required' },
    { path: '', message: 'Expected an object' },
  ];

  it('names the field, or the payload itself', () => {
    expect(issues.map(issue => formatIssue(issue))).toEqual([
      'helm_context.chart_name: Required',
      'payload: Expected an object',
    ]);
    expect(formatIssue(issues[0], 'Workload › Chart name')).toBe(
      'Workload › Chart name: Required',
    );
  });

  it('lists every issue under a heading with the count', () => {
    expect(formatIssues(issues)).toBe(
      'Invalid payload (2 problems):\n' +
        '  - helm_context.chart_name: Required\n' +
        '  - payload: Expected an object',
    );
    expect(formatIssues(issues.slice(0, 1), 'Invalid answers')).toBe(
      'Invalid answers (1 problem):\n  - helm_context.chart_name: Required',
    );
    expect(countProblems(0)).toBe('0 problems');
  });

  it('summarises the first few on one line', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      path: `a[${i}]`,
      message: 'bad',
    }));
    expect(summarizeIssues(many, 2)).toBe('a[0]: bad; a[1]: bad (and 5 more)');
    expect(summarizeIssues(issues)).toBe(
      'helm_context.chart_name: Required; payload: Expected an object',
    );
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['terraform_context', 'tags', 'team name', 0])).toBe(
      'terraform_context.tags["team name"][0]',
    );
  });
});
