import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectGolden } from './golden';

describe('golden files', () => {
  const env = { ...process.env };
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-golden-'));
    delete process.env.TEST_GOLDEN_UPDATE;
  });
  afterEach(() => {
    process.env = { ...env };
    fs.rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('passes when the output equals the golden', () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'same\n');
    expectGolden(file, 'same\n', 'TEST_GOLDEN_UPDATE');
    expect(fs.readFileSync(file, 'utf8')).toBe('same\n');
  });

  it('fails on a difference and leaves the golden alone', () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'old\n');
    expect(() => expectGolden(file, 'new\n', 'TEST_GOLDEN_UPDATE')).toThrow(
      /toBe/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('old\n');
  });

  it('fails when the golden is missing, and does not create it', () => {
    const file = path.join(dir, 'missing.txt');
    process.env.CI = 'false';
    expect(() => expectGolden(file, 'x\n', 'TEST_GOLDEN_UPDATE')).toThrow(
      /golden .*missing\.txt is missing: create it with TEST_GOLDEN_UPDATE=1/,
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses the update variable under CI=true', () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'old\n');
    process.env.CI = 'true';
    process.env.TEST_GOLDEN_UPDATE = '1';
    expect(() => expectGolden(file, 'new\n', 'TEST_GOLDEN_UPDATE')).toThrow(
      /TEST_GOLDEN_UPDATE=1 is refused under CI=true/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('old\n');
  });

  it('rewrites outside CI under the update variable, says which file, and still compares', () => {
    const file = path.join(dir, 'sub', 'a.txt');
    delete process.env.CI;
    process.env.TEST_GOLDEN_UPDATE = '1';
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    expectGolden(file, 'new\n', 'TEST_GOLDEN_UPDATE');
    expect(fs.readFileSync(file, 'utf8')).toBe('new\n');
    expectGolden(file, 'new\n', 'TEST_GOLDEN_UPDATE');
    expect(warn.mock.calls).toEqual([
      [expect.stringMatching(/^created golden .*sub\/a\.txt$/)],
    ]);
    expectGolden(file, 'newer\n', 'TEST_GOLDEN_UPDATE');
    expect(warn.mock.calls[1]).toEqual([
      expect.stringMatching(/^updated golden .*sub\/a\.txt$/),
    ]);
  });
});
