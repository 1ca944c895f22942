import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import {
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_PLATFORM_NEW_CLUSTER,
} from '@iacforge/plugin-iac-common';
import { IacEngine, shippedTemplateRoot } from '@iacforge/plugin-iac-node';
import { renderPreview } from './preview';
import { PreviewPool, workerExecArgv } from './previewPool';

const TEMPLATES = shippedTemplateRoot();

describe('PreviewPool', () => {
  const engine = IacEngine.fromRoots([TEMPLATES]);
  const logger = mockServices.logger.mock();

  it('renders in worker threads: the same bytes and ETag as in-process', async () => {
    const pool = new PreviewPool({
      size: 2,
      roots: [TEMPLATES],
      logger,
    });
    try {
      const payloads = [
        SEED_PLATFORM_NEW_CLUSTER,
        SEED_PLATFORM_EXISTING_CLUSTER,
      ];
      const answers = await Promise.all(
        payloads.map(p => pool.render('platform', p)),
      );
      answers.forEach((answer, i) => {
        const local = renderPreview(engine, 'platform', payloads[i]);
        expect(answer?.type).toBe('ok');
        expect(answer?.threadId).toBeGreaterThan(0);
        expect(local.type).toBe('ok');
        const bytes = (o: typeof local | undefined) =>
          o?.type === 'ok' ? [o.etag, o.body.toString('base64')] : [];
        expect(bytes(answer)).toEqual(bytes(local));
      });
      expect(pool.active).toBe(true);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('names its threads (Linux), so their CPU time shows apart from the HTTP thread', async () => {
    const pool = new PreviewPool({
      size: 1,
      roots: [TEMPLATES],
      logger,
      name: 'iac-test-pool',
    });
    try {
      expect(
        (await pool.render('platform', SEED_PLATFORM_NEW_CLUSTER))?.type,
      ).toBe('ok');
      const names = fs
        .readdirSync('/proc/self/task')
        .map(tid =>
          fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(),
        );
      expect(names).toContain('iac-test-pool');
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('answers bad input with field-path issues from the worker', async () => {
    const pool = new PreviewPool({
      size: 1,
      roots: [TEMPLATES],
      logger,
    });
    try {
      const answer = await pool.render('platform', {
        ...SEED_PLATFORM_NEW_CLUSTER,
        helm_context: {
          ...SEED_PLATFORM_NEW_CLUSTER.helm_context,
          image_tag: 'latest',
        },
      });
      expect(answer?.type).toBe('issues');
      expect(answer?.threadId).toBeGreaterThan(0);
      expect(JSON.stringify(answer)).toContain('helm_context.image_tag');
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('turns itself off when a worker cannot start, so the caller renders in-process', async () => {
    const warn = mockServices.logger.mock();
    const pool = new PreviewPool({
      size: 1,
      roots: [TEMPLATES],
      logger: warn,
      file: path.join(TEMPLATES, 'does-not-exist.js'),
    });
    try {
      expect(
        await pool.render('platform', SEED_PLATFORM_NEW_CLUSTER),
      ).toBeUndefined();
      expect(pool.active).toBe(false);
      expect(warn.warn).toHaveBeenCalledWith(
        expect.stringMatching(/Preview workers are off/),
      );
      expect(
        await pool.render('platform', SEED_PLATFORM_NEW_CLUSTER),
      ).toBeUndefined();
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('gives workers of TypeScript source the TypeScript transform', () => {
    expect(workerExecArgv('/x/previewWorker.ts')).toEqual([
      ...process.execArgv,
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    ]);
    expect(workerExecArgv('/x/previewWorker.cjs.js')).toEqual(process.execArgv);
  });

  it('is off with size 0', async () => {
    const pool = new PreviewPool({ size: 0, roots: [TEMPLATES], logger });
    expect(pool.active).toBe(false);
    expect(
      await pool.render('platform', SEED_PLATFORM_NEW_CLUSTER),
    ).toBeUndefined();
  });
});
