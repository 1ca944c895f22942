import { runCli } from './cli';

/** Runs `iacforge` with this process's arguments and streams. */
export function main(): void {
  runCli(process.argv.slice(2), {
    stdout: s => process.stdout.write(s),
    stderr: s => process.stderr.write(s),
    cwd: process.cwd(),
  }).then(code => {
    process.exitCode = code;
  });
}
