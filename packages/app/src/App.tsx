import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

/**
 * The IaC Forge portal (new frontend system). Features are discovered from
 * this package's dependencies (`app.packages: all` in app-config.yaml):
 * catalog, scaffolder (create page), catalog import, user settings.
 */
export default createApp({
  features: [catalogPlugin, navModule],
});
