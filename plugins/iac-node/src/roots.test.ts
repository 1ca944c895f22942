import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createEngine,
  defaultTemplateRoots,
  findTemplateRootAbove,
  shippedTemplateRoot,
} from './roots';

const FIXTURES = path.join(__dirname, '__fixtures__', 'roots', 'basic');

describe('template roots', () => {
  it('ships the default trees in @iacforge/plugin-iac-templates', () => {
    const root = shippedTemplateRoot();
    expect(root).toBe(
      path.join(
        path.dirname(
          require.resolve('@iacforge/plugin-iac-templates/package.json'),
        ),
        'templates',
        'iac',
      ),
    );
    const names = createEngine()
      .templates()
      .map(t => `${t.kind}/${t.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'helm/basic',
        'terraform/aws-eks',
        'governance/github-actions',
      ]),
    );
  });

  it('iac.templateRoots adds folders after the shipped trees', () => {
    const engine = createEngine([FIXTURES]);
    expect(engine.registry.roots).toEqual([shippedTemplateRoot(), FIXTURES]);
    const names = engine.templates().map(t => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['basic', 'tf-one', 'chart-one']),
    );
  });

  it('loads a root listed twice once (a worker gets the resolved roots back)', () => {
    const engine = createEngine([FIXTURES]);
    expect(createEngine(engine.registry.roots).registry.roots).toEqual(
      engine.registry.roots,
    );
  });

  it('leaves the shipped trees out on request', () => {
    const engine = createEngine([FIXTURES], { shipped: false });
    expect(engine.registry.roots).toEqual([FIXTURES]);
    expect(
      engine
        .templates()
        .map(t => t.name)
        .sort(),
    ).toEqual(['chart-one', 'gov', 'tf-one']);
  });

  describe('the CLI default', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = fs.realpathSync(
        fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-roots-')),
      );
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('is the nearest templates/iac above the working directory', () => {
      fs.mkdirSync(path.join(tmp, 'templates', 'iac'), { recursive: true });
      fs.mkdirSync(path.join(tmp, 'a', 'b'), { recursive: true });
      const found = path.join(tmp, 'templates', 'iac');
      expect(findTemplateRootAbove(path.join(tmp, 'a', 'b'))).toBe(found);
      expect(defaultTemplateRoots(path.join(tmp, 'a', 'b'))).toEqual([found]);
    });

    it('falls back to the shipped trees', () => {
      expect(findTemplateRootAbove(tmp)).toBeUndefined();
      expect(defaultTemplateRoots(tmp)).toEqual([shippedTemplateRoot()]);
    });
  });
});
