/*
 * The template trees a portal serves: the local roots (the shipped trees and
 * `iac.templateRoots`, loaded once at start) plus trees read by URL
 * (`iac.templateSources`). A URL tree is read through the portal's URL
 * readers, written to a fresh versioned folder, loaded together with every
 * other served tree (the same checks as local roots: manifest, templates,
 * duplicate kind/name, extends) and only then swapped in. A version that does
 * not load is reported and dropped; the previous version stays served.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { NotModifiedError } from '@backstage/errors';
import { IacEngine } from '../engine';
import { TemplateRegistry } from '../registry/TemplateRegistry';

/** What the trees need of Backstage's UrlReaderService. */
export type TreeReader = {
  readTree(
    url: string,
    options?: { etag?: string },
  ): Promise<{
    etag: string;
    dir(options?: { targetDir?: string }): Promise<string>;
  }>;
};

/** A logger (Backstage's LoggerService fits). */
export type TreesLogger = {
  info(message: string): void;
  error(message: string): void;
};

/** A template tree registered by URL. */
export type TemplateSource = {
  url: string;
  /** Seconds between refreshes. */
  refreshSeconds: number;
};

/** What a platform engineer needs to know about a URL source. */
export type TemplateSourceStatus = {
  url: string;
  /** `loaded`: its trees are served; `failed`: never loaded; `pending`: not read yet. */
  state: 'loaded' | 'failed' | 'pending';
  /** The version served (the host's etag, e.g. a commit sha). */
  etag?: string;
  /** When the served version was loaded (ISO time). */
  loadedAt?: string;
  /** The templates served from it (`kind/name@version`). */
  templates: string[];
  /** When it was last asked for a new version (ISO time). */
  lastRefreshAt?: string;
  /** Refreshes that found nothing new. */
  notModified: number;
  refreshSeconds: number;
  /** The last version that was refused or could not be read, and why. */
  lastError?: { at: string; etag?: string; message: string };
};

type SourceState = TemplateSourceStatus & {
  /** The folder of the served version. */
  folder?: string;
  /** The etag last read (served or refused): not read again. */
  seenEtag?: string;
  versions: number;
};

const slug = (url: string) =>
  createHash('sha256').update(url).digest('hex').slice(0, 16);

export class TemplateTrees {
  readonly engine: IacEngine;
  private readonly states: SourceState[];
  private readonly listeners = new Set<(roots: string[]) => void>();
  /** Refreshes run one at a time: each validates against the served set. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      /** Absolute folders loaded at start (shipped trees, iac.templateRoots). */
      localRoots: string[];
      sources: TemplateSource[];
      /** Where URL trees are written (one folder per source and version). */
      workdir: string;
      logger: TreesLogger;
    },
  ) {
    this.engine = new IacEngine(TemplateRegistry.load(options.localRoots));
    this.states = options.sources.map(s => ({
      url: s.url,
      refreshSeconds: s.refreshSeconds,
      state: 'pending',
      templates: [],
      notModified: 0,
      versions: 0,
    }));
  }

  /** The folders of every served tree, in load order. */
  roots(): string[] {
    return this.rootsWith();
  }

  private rootsWith(override?: { state: SourceState; folder: string }) {
    return [
      ...this.options.localRoots,
      ...this.states.flatMap(s => {
        const folder = s === override?.state ? override.folder : s.folder;
        return folder ? [folder] : [];
      }),
    ];
  }

  /** Called with the new roots after every swap; returns an unsubscribe. */
  onChange(listener: (roots: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  sources(): TemplateSourceStatus[] {
    return this.states.map(
      ({ folder: _f, seenEtag: _s, versions: _v, ...status }) => ({
        ...status,
        templates: [...status.templates],
      }),
    );
  }

  /** Reads every source once (each failure is reported, never thrown). */
  async refreshAll(reader: TreeReader): Promise<void> {
    for (let i = 0; i < this.states.length; i++) {
      await this.refresh(i, reader);
    }
  }

  /** Reads one source (by its index in the configuration) and swaps it in if it loads. */
  refresh(index: number, reader: TreeReader): Promise<void> {
    const run = this.queue.then(() =>
      this.refreshNow(this.states[index], reader),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Replaces served folder paths with the URLs they came from. */
  private describe(message: string, extra?: { folder: string; url: string }) {
    let out = message;
    const folders = this.states.flatMap(s =>
      s.folder ? [{ folder: s.folder, url: s.url }] : [],
    );
    for (const { folder, url } of extra ? [extra, ...folders] : folders) {
      out = out.split(folder).join(url.replace(/\/+$/, ''));
    }
    return out;
  }

  private async refreshNow(state: SourceState, reader: TreeReader) {
    const at = new Date().toISOString();
    state.lastRefreshAt = at;
    let response;
    try {
      response = await reader.readTree(state.url, { etag: state.seenEtag });
    } catch (error) {
      if ((error as Error).name === NotModifiedError.name) {
        state.notModified += 1;
        return;
      }
      this.fail(
        state,
        at,
        undefined,
        `cannot be read: ${(error as Error).message}`,
      );
      return;
    }
    state.seenEtag = response.etag;
    state.versions += 1;
    const folder = path.join(
      this.options.workdir,
      slug(state.url),
      String(state.versions),
    );
    let registry: TemplateRegistry;
    try {
      fs.mkdirSync(folder, { recursive: true });
      await response.dir({ targetDir: folder });
      registry = TemplateRegistry.load(this.rootsWith({ state, folder }));
    } catch (error) {
      fs.rmSync(folder, { recursive: true, force: true });
      this.fail(
        state,
        at,
        response.etag,
        this.describe((error as Error).message, { folder, url: state.url }),
      );
      return;
    }
    const previous = state.folder;
    state.folder = folder;
    state.etag = response.etag;
    state.loadedAt = at;
    state.state = 'loaded';
    state.lastError = undefined;
    state.templates = registry
      .list()
      .filter(t => t.dir === folder || t.dir.startsWith(`${folder}${path.sep}`))
      .map(t => `${t.manifest.kind}/${t.manifest.name}@${t.manifest.version}`);
    this.engine.replaceRegistry(registry);
    this.options.logger.info(
      `Template source ${state.url} (${response.etag}) loaded: ${
        state.templates.join(', ') || 'no templates'
      }`,
    );
    const roots = this.roots();
    for (const listener of this.listeners) {
      listener(roots);
    }
    if (previous) {
      // a worker started just before the swap may still read it: keep the
      // previous version, drop the one before
      this.removeOlderThan(state, previous);
    }
  }

  private removeOlderThan(state: SourceState, keep: string) {
    const dir = path.join(this.options.workdir, slug(state.url));
    for (const name of fs.readdirSync(dir)) {
      const folder = path.join(dir, name);
      if (folder !== keep && folder !== state.folder) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }
  }

  private fail(
    state: SourceState,
    at: string,
    etag: string | undefined,
    message: string,
  ) {
    state.lastError = { at, etag, message };
    if (state.state === 'pending') {
      state.state = 'failed';
    }
    this.options.logger.error(
      `Template source ${state.url}${
        etag ? ` (${etag})` : ''
      } was not loaded: ${message}. ${
        state.etag
          ? `Still serving its version ${state.etag}.`
          : 'None of its templates are served.'
      }`,
    );
  }
}
