/**
 * The IaC Forge embedded git host for the backend: a module of the `iac`
 * plugin serving the repositories at `/api/iac/git` (git smart HTTP, raw
 * files), the URL reader that lets the catalog read them, and the
 * `localGitServiceRef` service that reads `iac.localGit.*`.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { iacModuleGit } from './module';
import { localGitUrlReaderFactory } from './urlReader';

/**
 * The git routes and the URL reader, added with one `backend.add`.
 *
 * @public
 */
export default createBackendFeatureLoader({
  *loader() {
    yield iacModuleGit;
    yield localGitUrlReaderFactory;
  },
});
export { iacModuleGit } from './module';
export { localGitServiceRef, readLocalGitSettings } from './service';
export type { LocalGitService } from './service';
export {
  localGitUrlReaderFactory,
  LocalGitUrlReader,
  parseLocalGitUrl,
} from './urlReader';
export type { LocalGitUrl } from './urlReader';
export { createGitRouter, isLoopbackAddress } from './gitHttp';
export type { GitRouterOptions } from './gitHttp';
