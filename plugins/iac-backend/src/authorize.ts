/*
 * Permission checks of the REST API: the caller's credentials (user, service
 * or, with iac.allowUnauthenticated, none) against the portal's permission
 * policy. A denial is a 403 whose message names what was refused and the
 * permission, never a bare "Forbidden".
 */
import express from 'express';
import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { permissionDeniedMessage } from '@iacforge/plugin-iac-common';

/** Throws a 403 (NotAllowedError) unless the policy allows `permission`. */
export type Authorize = (
  req: express.Request,
  permission: BasicPermission,
) => Promise<void>;

export function createAuthorize(services: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): Authorize {
  return async (req, permission) => {
    const credentials = await services.httpAuth.credentials(req);
    const [decision] = await services.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(permissionDeniedMessage(permission.name));
    }
  };
}
