import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The IaC Playground page (/iac). */
export const rootRouteRef = createRouteRef();
