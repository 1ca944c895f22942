/*
 * A URL reader for the local repositories, so the catalog (and the
 * scaffolder) can read `${baseUrl}/api/iac/git/<owner>/<repo>/blob/<ref>/<path>`
 * straight from disk, without going through HTTP and its auth; and folders
 * (`.../tree/<ref>/<path>`, e.g. template trees for iac.templateSources)
 * with `git archive`.
 */
import {
  createServiceFactory,
  UrlReaderService,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import {
  ReadTreeResponseFactory,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import { Readable } from 'node:stream';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { LocalGitRepositories } from '@iacforge/plugin-iac-git-node';
import { localGitServiceRef } from './service';

export type LocalGitUrl = {
  owner: string;
  repo: string;
  ref: string;
  path: string;
};

/** Parses a blob URL under the git prefix; undefined for any other URL. */
export function parseLocalGitUrl(
  url: string,
  prefix: string,
): LocalGitUrl | undefined {
  if (!url.startsWith(`${prefix}/`)) {
    return undefined;
  }
  const m = /^([^/]+)\/([^/]+)\/blob\/([^/]+)\/(.+)$/.exec(
    url.slice(prefix.length + 1).split(/[?#]/)[0],
  );
  if (!m) {
    return undefined;
  }
  return { owner: m[1], repo: m[2], ref: m[3], path: decodeURIComponent(m[4]) };
}

export class LocalGitUrlReader implements UrlReaderService {
  constructor(
    private readonly repos: LocalGitRepositories,
    private readonly prefix: string,
    private readonly treeResponseFactory?: ReadTreeResponseFactory,
  ) {}

  private parse(url: string): LocalGitUrl {
    const parsed = parseLocalGitUrl(url, this.prefix);
    if (!parsed) {
      throw new NotFoundError(`${url} is not a file URL of the local git host`);
    }
    return parsed;
  }

  async readUrl(
    url: string,
    options?: { etag?: string },
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const { owner, repo, ref, path } = this.parse(url);
    const etag = await this.repos.resolveRef(owner, repo, ref).catch(() => {
      throw new NotFoundError(`No ref ${ref} in ${owner}/${repo}`);
    });
    if (options?.etag && options.etag === etag) {
      throw new NotModifiedError();
    }
    const content = await this.repos.readFile(owner, repo, ref, path);
    if (!content) {
      throw new NotFoundError(`No ${path} at ${ref} in ${owner}/${repo}`);
    }
    return { buffer: async () => content, etag };
  }

  async readTree(
    url: string,
    options?: { etag?: string; filter?(path: string): boolean },
  ): Promise<UrlReaderServiceReadTreeResponse> {
    const m = url.startsWith(`${this.prefix}/`)
      ? /^([^/]+)\/([^/]+)\/tree\/([^/]+)(?:\/(.*))?$/.exec(
          url.slice(this.prefix.length + 1).split(/[?#]/)[0],
        )
      : null;
    if (!m || !this.treeResponseFactory) {
      throw new NotFoundError(
        `${url} is not a folder URL of the local git host (${this.prefix}/<owner>/<repo>/tree/<ref>/<path>)`,
      );
    }
    const [, owner, repo, ref] = m;
    const folder = decodeURIComponent(m[4] ?? '');
    const commit = await this.repos.resolveRef(owner, repo, ref).catch(() => {
      throw new NotFoundError(`No ref ${ref} in ${owner}/${repo}`);
    });
    if (options?.etag && options.etag === commit) {
      throw new NotModifiedError();
    }
    const tar = await this.repos.archive(owner, repo, commit, folder);
    if (!tar) {
      throw new NotFoundError(
        `No folder ${folder} at ${ref} in ${owner}/${repo}`,
      );
    }
    return this.treeResponseFactory.fromTarArchive({
      stream: Readable.from([tar]),
      etag: commit,
      filter: options?.filter,
      stripFirstDirectory: false,
    });
  }

  async search(
    url: string,
    options?: { etag?: string },
  ): Promise<UrlReaderServiceSearchResponse> {
    if (/[*?[{]/.test(url)) {
      throw new NotFoundError(
        `Glob search is not supported by the local git host (${url})`,
      );
    }
    try {
      const response = await this.readUrl(url, options);
      return {
        etag: response.etag ?? '',
        files: [{ url, content: response.buffer }],
      };
    } catch (error) {
      if (error instanceof NotFoundError) {
        return { etag: '', files: [] };
      }
      throw error;
    }
  }

  toString() {
    return `iac-local-git{prefix=${this.prefix}}`;
  }
}

/** Adds the local git URL reader to the backend's URL readers. */
export const localGitUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: { localGit: localGitServiceRef },
  async factory({ localGit }) {
    return ({ treeResponseFactory }) => {
      if (!localGit.enabled) {
        return [];
      }
      const reader = new LocalGitUrlReader(
        localGit.repositories,
        localGit.baseUrl,
        treeResponseFactory,
      );
      return [
        {
          reader,
          predicate: (url: URL) => url.href.startsWith(`${localGit.baseUrl}/`),
        },
      ];
    };
  },
});
