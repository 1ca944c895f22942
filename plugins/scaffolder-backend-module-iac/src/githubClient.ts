import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';

/** An Octokit for the host: the user's token, else the integration's credentials. */
export async function githubClient(
  integrations: ScmIntegrationRegistry,
  host: string,
  owner: string,
  repo: string,
  userToken?: string,
): Promise<Octokit> {
  const integration = integrations.github.byHost(host);
  if (!integration) {
    throw new InputError(
      `No GitHub integration for host ${host}; configure integrations.github`,
    );
  }
  const token =
    userToken ??
    (
      await DefaultGithubCredentialsProvider.fromIntegrations(
        integrations,
      ).getCredentials({ url: `https://${host}/${owner}/${repo}` })
    ).token;
  if (!token) {
    throw new InputError(
      `No token for ${host}/${owner}; configure integrations.github or pass the user's token`,
    );
  }
  return new Octokit({
    auth: token,
    baseUrl: integration.config.apiBaseUrl,
    request: { retries: 0 },
  });
}
