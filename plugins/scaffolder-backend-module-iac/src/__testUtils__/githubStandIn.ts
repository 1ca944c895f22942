/*
 * A local stand-in of the GitHub REST API for the governance action's tests.
 * It answers with GitHub's recorded responses (src/actions/__fixtures__/github,
 * see SOURCE.md there), never with what it was sent; a test replaces the
 * answer of a route explicitly (another recorded body, an error).
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import branchProtection from '../actions/__fixtures__/github/branch-protection.json';
import branchProtectionUpdate from '../actions/__fixtures__/github/branch-protection-update.json';
import environment from '../actions/__fixtures__/github/environment.json';
import errors from '../actions/__fixtures__/github/errors.json';
import gitRef from '../actions/__fixtures__/github/git-ref.json';
import fullRepository from '../actions/__fixtures__/github/full-repository.json';
import organizationFull from '../actions/__fixtures__/github/organization-full.json';
import privateUser from '../actions/__fixtures__/github/private-user.json';
import publicUser from '../actions/__fixtures__/github/public-user-default-response.json';
import teamFull from '../actions/__fixtures__/github/team-full.json';
import variables from '../actions/__fixtures__/github/actions-variables-paginated.json';

export const RECORDED = {
  branchProtection,
  branchProtectionUpdate,
  environment,
  errors,
  fullRepository,
  gitRef,
  organizationFull,
  privateUser,
  publicUser,
  teamFull,
  variables,
};

/** A request the stand-in received. */
export type Call = { method: string; path: string; body: any; auth?: string };

/** An answer: status and JSON body (none for 204). */
export type Answer = { status: number; body?: unknown };

const ROUTES = {
  'PUT protection': /^PUT \/repos\/[^/]+\/[^/]+\/branches\/[^/]+\/protection$/,
  'GET protection': /^GET \/repos\/[^/]+\/[^/]+\/branches\/[^/]+\/protection$/,
  'GET user': /^GET \/users\/[^/]+$/,
  'GET authenticated user': /^GET \/user$/,
  'GET repo': /^GET \/repos\/[^/]+\/[^/]+$/,
  'POST environment variables':
    /^POST \/repos\/[^/]+\/[^/]+\/environments\/[^/]+\/variables$/,
  'PATCH environment variable':
    /^PATCH \/repos\/[^/]+\/[^/]+\/environments\/[^/]+\/variables\/[^/]+$/,
  'GET environment variables':
    /^GET \/repos\/[^/]+\/[^/]+\/environments\/[^/]+\/variables$/,
  'GET org': /^GET \/orgs\/[^/]+$/,
  'POST user repos': /^POST \/user\/repos$/,
  'POST org repos': /^POST \/orgs\/[^/]+\/repos$/,
  'POST ref': /^POST \/repos\/[^/]+\/[^/]+\/git\/refs$/,
  'GET team': /^GET \/orgs\/[^/]+\/teams\/[^/]+$/,
  'PUT environment': /^PUT \/repos\/[^/]+\/[^/]+\/environments\/[^/]+$/,
  'GET environment': /^GET \/repos\/[^/]+\/[^/]+\/environments\/[^/]+$/,
  'POST variables': /^POST \/repos\/[^/]+\/[^/]+\/actions\/variables$/,
  'PATCH variable': /^PATCH \/repos\/[^/]+\/[^/]+\/actions\/variables\/[^/]+$/,
  'GET variables': /^GET \/repos\/[^/]+\/[^/]+\/actions\/variables$/,
};
export type Route = keyof typeof ROUTES;

/** GitHub's recorded answer of each route. */
const RECORDED_ANSWERS: Record<Route, Answer> = {
  'PUT protection': { status: 200, body: branchProtectionUpdate },
  'GET protection': { status: 200, body: branchProtection },
  'GET user': { status: 200, body: publicUser },
  'GET authenticated user': { status: 200, body: privateUser },
  'GET repo': { status: 200, body: fullRepository },
  'POST environment variables': { status: 201, body: {} },
  'PATCH environment variable': { status: 204 },
  'GET environment variables': { status: 200, body: variables },
  'GET org': { status: 200, body: organizationFull },
  'POST user repos': { status: 201, body: fullRepository },
  'POST org repos': { status: 201, body: fullRepository },
  'POST ref': { status: 201, body: gitRef },
  'GET team': { status: 200, body: teamFull },
  'PUT environment': { status: 200, body: environment },
  'GET environment': { status: 200, body: environment },
  'POST variables': { status: 201, body: {} },
  'PATCH variable': { status: 204 },
  'GET variables': { status: 200, body: variables },
};

/** Starts the stand-in on a free loopback port. */
export async function startGithubStandIn(
  answers: Partial<Record<Route, Answer | Answer[]>> = {},
): Promise<{ baseUrl: string; calls: Call[]; close: () => Promise<void> }> {
  const calls: Call[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', c => {
      raw += c;
    });
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      calls.push({
        method: req.method!,
        path: url.pathname,
        body: raw ? JSON.parse(raw) : undefined,
        auth: req.headers.authorization,
      });
      const line = `${req.method} ${url.pathname}`;
      const route = (Object.keys(ROUTES) as Route[]).find(r =>
        ROUTES[r].test(line),
      );
      // a list of answers is given out in order, the last one repeated
      let answer: Answer = { status: 404, body: errors.not_found };
      if (route) {
        const given = answers[route];
        if (Array.isArray(given)) {
          answer = (given.length > 1 ? given.shift() : given[0])!;
        } else {
          answer = given ?? RECORDED_ANSWERS[route];
        }
      }
      if (answer.body === undefined) {
        res.writeHead(answer.status);
        res.end();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}
