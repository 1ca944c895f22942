// The output matrices keep helm runs cached by content (a chart's lint and
// template results are a pure function of its files and the helm version)
// unless IACFORGE_CHECK_CACHE says otherwise. Under CI the verdict
// ("reports") cache is always off: every check really runs.
const wanted = (process.env.IACFORGE_CHECK_CACHE ?? 'helm')
  .split(',')
  .map(name => name.trim())
  .filter(name => process.env.CI !== 'true' || name !== 'reports');
process.env.IACFORGE_CHECK_CACHE = wanted.filter(Boolean).join(',') || 'off';

// The matrices run real tools (helm, WebAssembly) in parallel with other
// suites: a per-test bound of jest's default 5 s is a wall-clock assertion
// that fails on a loaded machine, not a check of the output. Files that need
// more set their own.
jest.setTimeout(120_000);

export {};
