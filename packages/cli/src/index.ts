/**
 * The iacforge command line.
 *
 * @packageDocumentation
 */
export { runCli } from './cli';
export { main } from './main';
export type { CliIO } from './cli';
