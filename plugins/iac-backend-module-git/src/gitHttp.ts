/*
 * Read-only git smart HTTP for the local repositories (embedded default):
 * each request runs git's own CGI program, `git http-backend`, which serves
 * clone and fetch; pushes are refused (no REMOTE_USER). Plus a raw file view:
 * GET /:owner/:repo/blob/:ref/<path>.
 */
import { ChildProcess, spawn } from 'node:child_process';
import express from 'express';
import Router from 'express-promise-router';
import {
  LocalGitRepositories,
  RepositoryError,
} from '@iacforge/plugin-iac-git-node';

function sendCgiResponse(
  child: ReturnType<typeof spawn>,
  res: express.Response,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        return;
      }
      headersDone = true;
      let status = 200;
      for (const line of head
        .subarray(0, end)
        .toString('latin1')
        .split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') {
          status = parseInt(value, 10) || 500;
        } else {
          res.setHeader(name, value);
        }
      }
      res.status(status);
      res.write(head.subarray(end + 4));
    });
    child.on('error', reject);
    child.on('close', () => {
      if (!headersDone) {
        res
          .status(500)
          .type('text/plain')
          .end('git http-backend produced no response\n');
      } else {
        res.end();
      }
      resolve();
    });
  });
}

/**
 * What git's HTTP protocols ask for inside a repository: the smart
 * protocol's refs and service endpoints, and the files of the dumb one.
 * Anything else (config, hooks, `..`) is not served.
 */
const GIT_SERVICE_PATH =
  /^\/(?:info\/refs|git-upload-pack|git-receive-pack|HEAD|objects\/(?:info\/(?:packs|alternates|http-alternates)|[0-9a-f]{2}\/[0-9a-f]{38,62}|pack\/pack-[0-9a-f]{40,64}\.(?:pack|idx)))$/;

/** Time git gets to clean up (its own children) after SIGTERM. */
const KILL_GRACE_MS = 2000;

/**
 * Ends the CGI process when the client goes away before the answer is
 * complete: an aborted request body never ends git's stdin, so git (and the
 * upload-pack it started) would wait for it forever. SIGTERM lets
 * http-backend stop its own children; SIGKILL follows if it does not exit.
 */
function stopWhenClientLeaves(
  req: express.Request,
  res: express.Response,
  child: ChildProcess,
) {
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  // writing into a process that has gone is not an error of the request
  child.stdin!.on('error', () => {});
  const stop = () => {
    if (exited) return;
    req.unpipe(child.stdin!);
    child.stdin!.destroy();
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, KILL_GRACE_MS);
    timer.unref();
  };
  req.once('close', () => {
    if (!req.complete) stop();
  });
  res.once('close', () => {
    if (!res.writableFinished) stop();
  });
}

/** Whether a peer address is this machine (127.0.0.0/8, ::1, IPv4-mapped). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

export type GitRouterOptions = {
  /**
   * Serve clients on other machines too (`iac.localGit.allowRemoteClones`).
   * Off by default: the repositories are served without credentials, so
   * only to clients on this machine (by the TCP peer address, never a
   * forwarded header).
   */
  allowRemoteClones?: boolean;
};

export function createGitRouter(
  repos: LocalGitRepositories,
  options: GitRouterOptions = {},
): express.Router {
  const router = Router();

  if (!options.allowRemoteClones) {
    router.use((req, res, next) => {
      if (isLoopbackAddress(req.socket.remoteAddress)) {
        next();
        return;
      }
      res
        .status(403)
        .type('text/plain')
        .send(
          'The local git host serves repositories without credentials, so only from this machine; set iac.localGit.allowRemoteClones to serve other clients\n',
        );
    });
  }

  // raw file view, used by links in the catalog and by the URL reader's users
  router.get(/^\/([^/]+)\/([^/]+)\/blob\/([^/]+)\/(.+)$/, async (req, res) => {
    const [owner, repo, ref, filePath] = [0, 1, 2, 3].map(
      i => (req.params as Record<number, string>)[i],
    );
    try {
      const content = await repos.readFile(owner, repo, ref, filePath);
      if (!content) {
        res.status(404).type('text/plain').send(`No ${filePath} at ${ref}\n`);
        return;
      }
      res.type('text/plain').send(content);
    } catch (error) {
      if (error instanceof RepositoryError) {
        res
          .status(error.code === 'not-found' ? 404 : 400)
          .type('text/plain')
          .send(`${error.message}\n`);
        return;
      }
      throw error;
    }
  });

  router.all(/^\/([^/]+)\/([^/]+)\.git(\/.*)$/, async (req, res) => {
    const [owner, repo, rest] = [0, 1, 2].map(
      i => (req.params as Record<number, string>)[i],
    );
    if (!GIT_SERVICE_PATH.test(rest)) {
      res
        .status(rest.split('/').some(s => s === '..' || s === '.') ? 400 : 404)
        .type('text/plain')
        .send('Not a git HTTP path\n');
      return;
    }
    try {
      if (!repos.exists(owner, repo)) {
        res
          .status(404)
          .type('text/plain')
          .send(`Repository ${owner}/${repo} not found\n`);
        return;
      }
    } catch (error) {
      if (error instanceof RepositoryError) {
        res.status(400).type('text/plain').send(`${error.message}\n`);
        return;
      }
      throw error;
    }
    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
      : '';
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: repos.root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        PATH_INFO: `/${owner}/${repo}.git${rest}`,
        QUERY_STRING: query,
        REQUEST_METHOD: req.method,
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: (req.headers['git-protocol'] as string | undefined) ?? '',
        REMOTE_ADDR: req.socket.remoteAddress ?? '',
      },
    });
    stopWhenClientLeaves(req, res, child);
    req.pipe(child.stdin!);
    await sendCgiResponse(child, res);
  });

  return router;
}
