/**
 * The iacforge command line.
 *
 * @packageDocumentation
 */
export { runCli } from './cli';
export type { CliIO } from './cli';
