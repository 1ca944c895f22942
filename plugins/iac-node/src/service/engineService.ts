/*
 * One engine per backend, shared by the IaC Forge plugin and its modules (the
 * scaffolder actions, the catalog module) as a Backstage service. The
 * template configuration (`iac.templateRoots`, `iac.shippedTemplates`,
 * `iac.templateSources`) is read here and nowhere else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { IacEngine } from '../engine';
import { portalTemplateRoots } from '../roots';
import {
  TemplateSource,
  TemplateSourceStatus,
  TemplateTrees,
  TreeReader,
  TreesLogger,
} from './TemplateTrees';

/** The shared IaC Forge engine and the template trees it serves. */
export interface IacEngineService {
  /** The engine; its trees are replaced as a whole when a URL source changes. */
  readonly engine: IacEngine;
  /** The folders of every served tree, in load order (for worker threads). */
  roots(): string[];
  /** Called with the new roots after every swap; returns an unsubscribe. */
  onChange(listener: (roots: string[]) => void): () => void;
  /** Each tree registered by URL (`iac.templateSources`): version, errors. */
  sources(): TemplateSourceStatus[];
  /** Reads every URL source now (errors are reported in sources()). */
  refresh(): Promise<void>;
}

/** Default time between two reads of a URL source. */
export const DEFAULT_TEMPLATE_SOURCE_REFRESH_SECONDS = 30 * 60;

/** `iac.templateSources`, checked (a wrong entry stops the backend with its key). */
export function readTemplateSources(config: Config): TemplateSource[] {
  return (config.getOptionalConfigArray('iac.templateSources') ?? []).map(
    (entry, index) => {
      const url = entry.getString('url');
      if (!URL.canParse(url)) {
        throw new Error(
          `Invalid URL in config key 'iac.templateSources[${index}].url': ${url}`,
        );
      }
      let refreshSeconds = DEFAULT_TEMPLATE_SOURCE_REFRESH_SECONDS;
      if (entry.has('refresh')) {
        const d = readDurationFromConfig(entry, { key: 'refresh' });
        refreshSeconds =
          (d.milliseconds ?? 0) / 1000 +
          (d.seconds ?? 0) +
          (d.minutes ?? 0) * 60 +
          (d.hours ?? 0) * 3600 +
          (d.days ?? 0) * 86400 +
          (d.weeks ?? 0) * 604800;
        if (!(refreshSeconds >= 1)) {
          throw new Error(
            `Invalid duration in config key 'iac.templateSources[${index}].refresh': at least one second`,
          );
        }
      }
      return { url, refreshSeconds };
    },
  );
}

/** The trees of a portal's configuration (local ones loaded, URL ones pending). */
export function templateTreesFromConfig(
  config: Config,
  options: { workdir: string; logger: TreesLogger },
): TemplateTrees {
  return new TemplateTrees({
    localRoots: portalTemplateRoots(
      config.getOptionalStringArray('iac.templateRoots'),
      { shipped: config.getOptionalBoolean('iac.shippedTemplates') },
    ),
    sources: readTemplateSources(config),
    workdir: options.workdir,
    logger: options.logger,
  });
}

/**
 * A fresh folder for the URL trees (under `backend.workingDirectory`, else
 * the system's temporary folder), removed at shutdown.
 */
function templateSourcesWorkdir(
  config: Config,
  lifecycle: { addShutdownHook(hook: () => void): void },
): string {
  if (!config.has('iac.templateSources')) {
    return '';
  }
  const base =
    config.getOptionalString('backend.workingDirectory') ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  const workdir = fs.mkdtempSync(path.join(base, 'iacforge-template-sources-'));
  lifecycle.addShutdownHook(() =>
    fs.rmSync(workdir, { recursive: true, force: true }),
  );
  return workdir;
}

class SharedEngine implements IacEngineService {
  private started?: Promise<void>;

  constructor(readonly trees: TemplateTrees) {}

  get engine() {
    return this.trees.engine;
  }

  roots() {
    return this.trees.roots();
  }

  onChange(listener: (roots: string[]) => void) {
    return this.trees.onChange(listener);
  }

  sources() {
    return this.trees.sources();
  }

  private reader?: TreeReader;

  refresh() {
    return this.reader ? this.trees.refreshAll(this.reader) : Promise.resolve();
  }

  /**
   * Reads the URL sources once and schedules their refreshes (first caller
   * only: every plugin shares the trees).
   */
  start(reader: TreeReader, scheduler: SchedulerService): Promise<void> {
    if (!this.started) {
      this.reader = reader;
      this.started = (async () => {
        await this.trees.refreshAll(reader);
        for (const [index, source] of this.trees.sources().entries()) {
          await scheduler.scheduleTask({
            id: `iac-template-source-${index + 1}`,
            // each replica serves the trees it read itself
            scope: 'local',
            frequency: { seconds: source.refreshSeconds },
            initialDelay: { seconds: source.refreshSeconds },
            timeout: { minutes: 10 },
            fn: () => this.trees.refresh(index, reader),
          });
        }
      })();
    }
    return this.started;
  }
}

/**
 * The shared IaC Forge engine. Plugin-scoped with one root context: every
 * plugin and module of a backend gets the same engine and trees.
 *
 * @public
 */
export const iacEngineServiceRef = createServiceRef<IacEngineService>({
  id: 'iac.engine',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        rootConfig: coreServices.rootConfig,
        rootLogger: coreServices.rootLogger,
        rootLifecycle: coreServices.rootLifecycle,
        urlReader: coreServices.urlReader,
        scheduler: coreServices.scheduler,
      },
      createRootContext({ rootConfig, rootLogger, rootLifecycle }) {
        const logger = rootLogger.child({ service: 'iac-templates' });
        const trees = templateTreesFromConfig(rootConfig, {
          workdir: templateSourcesWorkdir(rootConfig, rootLifecycle),
          logger,
        });
        logger.info(
          `Loaded ${trees.engine.templates().length} IaC templates from ${
            trees.roots().join(', ') || '(no roots)'
          }`,
        );
        return new SharedEngine(trees);
      },
      async factory({ urlReader, scheduler }, shared) {
        await shared.start(urlReader, scheduler);
        return shared;
      },
    }),
});
