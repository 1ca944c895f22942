import yauzl from 'yauzl';
import { createZip } from './createZip';

type Entry = {
  name: string;
  mode: number;
  content: string;
  dosDate: number;
  dosTime: number;
};

function readZip(buffer: Buffer): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) {
        reject(err);
        return;
      }
      const entries: Entry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) {
            reject(e);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', c => chunks.push(c));
          stream.on('end', () => {
            entries.push({
              name: entry.fileName,
              mode: (entry.externalFileAttributes >>> 16) & 0o7777,
              content: Buffer.concat(chunks).toString(),
              dosDate: entry.lastModFileDate,
              dosTime: entry.lastModFileTime,
            });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const files = [
  { path: 'terraform/main.tf', content: 'resource "x" "y" {}\n' },
  { path: 'scripts/run.sh', content: '#!/bin/sh\necho hi\n', mode: 0o755 },
  { path: '.github/workflows/plan.yml', content: 'name: plan\n' },
];

describe('createZip', () => {
  it('writes entries in path order with modes and contents kept', async () => {
    const entries = await readZip(await createZip(files));
    expect(entries.map(e => e.name)).toEqual([
      '.github/workflows/plan.yml',
      'scripts/run.sh',
      'terraform/main.tf',
    ]);
    expect(entries.find(e => e.name === 'scripts/run.sh')!.mode).toBe(0o755);
    expect(entries.find(e => e.name === 'terraform/main.tf')!.mode).toBe(0o644);
    expect(entries.find(e => e.name === 'scripts/run.sh')!.content).toBe(
      '#!/bin/sh\necho hi\n',
    );
  });

  it('gives identical bytes for identical input, in any order, at any time, in any zone', async () => {
    const a = await createZip(files);
    const b = await createZip([...files].reverse());
    expect(a.equals(b)).toBe(true);
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const c = await createZip(files);
      expect(c.equals(a)).toBe(true);
    } finally {
      process.env.TZ = tz;
    }
    const entries = await readZip(a);
    // 1980-01-01 00:00 in DOS format
    expect(entries.every(e => e.dosDate === 0x21 && e.dosTime === 0)).toBe(
      true,
    );
  });

  it('puts entries under a root folder', async () => {
    const entries = await readZip(await createZip(files, { root: 'payments' }));
    expect(entries[0].name).toBe('payments/.github/workflows/plan.yml');
  });

  it('rejects paths that would escape the archive root and duplicates', async () => {
    await expect(
      createZip([{ path: 'a/../../x', content: '' }]),
    ).rejects.toThrow(/\.\./);
    await expect(createZip([{ path: '/abs', content: '' }])).rejects.toThrow(
      /absolute/,
    );
    await expect(
      createZip([
        { path: 'a', content: '' },
        { path: './a', content: '' },
      ]),
    ).rejects.toThrow(/Duplicate/);
  });
});
