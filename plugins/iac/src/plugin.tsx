import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import BuildIcon from '@material-ui/icons/Build';
import { iacApiRef } from './api/IacApi';
import { IacClient } from './api/IacClient';
import { hasIacAnnotations } from './lib/annotations';
import { rootRouteRef } from './routes';

/** `api:iac`: the IacApi client (discovery + fetchApi). */
export const iacApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: iacApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IacClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:iac`: the IaC Playground at /iac, with its nav item. */
export const iacPlaygroundPage = PageBlueprint.make({
  params: {
    path: '/iac',
    routeRef: rootRouteRef,
    title: 'IaC Playground',
    icon: <BuildIcon fontSize="inherit" />,
    loader: () =>
      import('./components/Playground').then(m => <m.PlaygroundPage />),
  },
});

/** `entity-card:iac`: EntityIacCard, for entities annotated iacforge.io/cloud. */
export const iacEntityCard = EntityCardBlueprint.make({
  params: {
    type: 'info',
    filter: hasIacAnnotations,
    loader: () =>
      import('./components/EntityIacCard').then(m => <m.EntityIacCard />),
  },
});

/** The IaC Forge frontend plugin: API client, playground page, entity card. */
export const iacPlugin = createFrontendPlugin({
  pluginId: 'iac',
  title: 'IaC Forge',
  icon: <BuildIcon fontSize="inherit" />,
  extensions: [iacApi, iacPlaygroundPage, iacEntityCard],
  routes: { root: rootRouteRef },
});
