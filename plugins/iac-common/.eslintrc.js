module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  testRules: {
    // Test helpers that assert (they throw with the issues on failure).
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectIssue', 'valueOf', 'issuesOf'] },
    ],
  },
});
