/*
 * A git smart-HTTP server that accepts pushes, for tests that publish: git's
 * own CGI program (`git http-backend`) over the bare repositories of a
 * folder, with receive-pack on. It stands where GitHub's git endpoint would
 * be (the stand-in API points a created repository's clone_url here), so a
 * publish test does a real git push.
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type GitPushServer = {
  /** Base URL: `${url}/<owner>/<repo>.git` clones and pushes. */
  url: string;
  /** The folder of the bare repositories. */
  root: string;
  /** Each request, in order: method and path. */
  requests: string[];
  /** Creates an empty bare repository `<owner>/<repo>.git`. */
  createRepository(owner: string, repo: string): void;
  close(): Promise<void>;
};

export async function startGitPushServer(
  onRequest?: (line: string) => void,
): Promise<GitPushServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-git-push-'));
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const line = `${req.method} ${url.pathname}`;
    requests.push(line);
    onRequest?.(line);
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        // receive-pack answers only an authenticated user
        REMOTE_USER: 'test',
        REQUEST_METHOD: req.method,
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }
          : {}),
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', c => chunks.push(c));
    cgi.on('close', () => {
      const out = Buffer.concat(chunks);
      const end = out.indexOf('\r\n\r\n');
      const head = out.subarray(0, end).toString('utf8').split('\r\n');
      let status = 200;
      const headers: Record<string, string> = {};
      for (const h of head) {
        const [k, ...v] = h.split(':');
        if (k.toLowerCase() === 'status') status = parseInt(v.join(':'), 10);
        else headers[k] = v.join(':').trim();
      }
      res.writeHead(status, headers);
      res.end(out.subarray(end + 4));
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    root,
    requests,
    createRepository(owner, repo) {
      const dir = path.join(root, owner, `${repo}.git`);
      fs.mkdirSync(dir, { recursive: true });
      execFileSync('git', ['init', '--quiet', '--bare', dir]);
    },
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}
