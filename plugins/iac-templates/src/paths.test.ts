import fs from 'node:fs';
import path from 'node:path';
import {
  iacTemplateEntitiesLocation,
  iacTemplatesDir,
  iacTemplateTreesRoot,
} from './paths';

describe('shipped template paths', () => {
  it('point at this package in the repository', () => {
    expect(iacTemplatesDir()).toBe(path.resolve(__dirname, '../templates'));
    for (const kind of ['terraform', 'helm', 'governance', 'gitops']) {
      expect(fs.existsSync(path.join(iacTemplateTreesRoot(), kind))).toBe(true);
    }
    expect(fs.readFileSync(iacTemplateEntitiesLocation(), 'utf8')).toMatch(
      /kind: Location/,
    );
  });
});
