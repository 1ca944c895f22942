/**
 * IaC Forge backend plugin: the generator's REST API.
 *
 * @packageDocumentation
 */
export { iacPlugin as default } from './plugin';
export { createRouter } from './router';
export type { RouterOptions, PreviewFile } from './router';
