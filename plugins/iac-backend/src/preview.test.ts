import {
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_PLATFORM_NEW_CLUSTER,
} from '@iacforge/plugin-iac-common';
import {
  GenerateResult,
  IacEngine,
  requireGenerated,
  shippedTemplateRoot,
} from '@iacforge/plugin-iac-node';
import { payloadWarnings, previewBody } from './preview';

const TEMPLATES = shippedTemplateRoot();

describe('previewBody', () => {
  const engine = IacEngine.fromRoots([TEMPLATES]);

  /** What the body must equal: the plain JSON of the whole response. */
  function naive(result: GenerateResult, findings?: any[]) {
    const files = result.files.map(f => {
      const text = f.content.toString('utf8');
      const isText = Buffer.from(text, 'utf8').equals(f.content);
      return {
        path: f.path,
        content: isText ? text : f.content.toString('base64'),
        encoding: isText ? 'utf-8' : 'base64',
        size: f.content.length,
        mode: f.mode.toString(8).padStart(4, '0'),
        template: f.template,
      };
    });
    return JSON.stringify({
      kind: result.kind,
      templates: result.templates,
      files,
      file_count: files.length,
      total_size: files.reduce((s, f) => s + f.size, 0),
      content_hash: result.contentHash,
      ...(findings ? { findings } : {}),
    });
  }

  it('is byte-identical to the plain JSON, also when files come from the memo', () => {
    for (const seed of [
      SEED_PLATFORM_NEW_CLUSTER,
      SEED_PLATFORM_EXISTING_CLUSTER,
    ] as any[]) {
      for (const chart_version of ['0.1.0', '0.2.0', '0.1.0']) {
        const result = requireGenerated(
          engine.generate('platform', {
            ...seed,
            helm_context: { ...seed.helm_context, chart_version },
          }),
        );
        expect(previewBody('platform', result).toString('utf8')).toBe(
          naive(result),
        );
        const findings = [
          { check: 'yaml', severity: 'error', file: 'a.yaml', message: 'x' },
        ] as any[];
        expect(previewBody('platform', result, findings).toString()).toBe(
          naive(result, findings),
        );
      }
    }
  });

  it('encodes binary files as base64 and keeps paths apart for equal contents', () => {
    const content = Buffer.from([0xff, 0x00, 0x01]);
    const result = {
      kind: 'helm' as const,
      templates: [],
      payload: {},
      secrets: [],
      contentHash: 'h',
      files: [
        { path: 'a.bin', content, mode: 0o644, template: 't' },
        { path: 'b.bin', content, mode: 0o755, template: 't' },
      ],
    };
    const body = JSON.parse(previewBody('helm', result).toString());
    expect(body.files).toEqual([
      expect.objectContaining({
        path: 'a.bin',
        encoding: 'base64',
        content: '/wAB',
        mode: '0644',
      }),
      expect.objectContaining({
        path: 'b.bin',
        encoding: 'base64',
        content: '/wAB',
        mode: '0755',
      }),
    ]);
    expect(previewBody('helm', result).toString()).toBe(naive(result));
  });
});

describe('payloadWarnings', () => {
  const engine = IacEngine.fromRoots([TEMPLATES]);

  it('warns, with the field path, when the image needs root (the seed examples use nginx)', () => {
    const result = requireGenerated(
      engine.generate('platform', SEED_PLATFORM_NEW_CLUSTER),
    );
    expect(payloadWarnings(result)).toEqual([
      {
        check: 'pod-security',
        severity: 'warning',
        file: 'charts/payments/values.yaml',
        message: expect.stringMatching(
          /^helm_context\.image_repository: "nginx" will not become Ready .*nginxinc\/nginx-unprivileged/,
        ),
      },
    ]);
  });

  it('is silent for an image that runs as non-root', () => {
    const result = requireGenerated(
      engine.generate('platform', {
        ...SEED_PLATFORM_NEW_CLUSTER,
        helm_context: {
          ...SEED_PLATFORM_NEW_CLUSTER.helm_context,
          image_repository: 'nginxinc/nginx-unprivileged',
          container_port: 8080,
        },
      }),
    );
    expect(payloadWarnings(result)).toEqual([]);
  });
});
