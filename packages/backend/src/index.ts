/*
 * The IaC Forge portal backend (new backend system).
 *
 * Embedded default: one process, SQLite in ./data (see app-config.yaml),
 * templates from @iacforge/plugin-iac-templates, guest sign-in.
 * Production: app-config.production.yaml (PostgreSQL, GitHub).
 */
import { createBackend } from '@backstage/backend-defaults';
import { iacForgePermissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the embedded default
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions: the portal's policy (src/permissionPolicy.ts): users see
// their own scaffolder tasks, publish under their own owner namespaces
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(iacForgePermissionPolicyModule);

// scaffolder with the built-in actions, plus GitHub publishing
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));

// IaC Forge: the generator's REST API (/api/iac), the embedded default's
// local git host (/api/iac/git) with its URL reader, the scaffolder actions
backend.add(import('@iacforge/plugin-iac-backend'));
backend.add(import('@iacforge/plugin-iac-backend-module-git'));
backend.add(import('@iacforge/plugin-scaffolder-backend-module-iac'));
// the four IaC Forge Template entities, from @iacforge/plugin-iac-templates
backend.add(import('@iacforge/plugin-catalog-backend-module-iac'));

// signals: live updates in the browser (scaffolder task progress)
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
