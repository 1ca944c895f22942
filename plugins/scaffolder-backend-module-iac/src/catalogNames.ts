/*
 * Catalog name collisions: the entities a generated catalog-info.yaml would
 * register must not exist in the catalog already. The catalog keeps the
 * first entity of a name and only warns about the second, so without this
 * check a task "succeeds" while its Component and Resource are dropped and
 * its links point at someone else's entity. We fail the task before
 * anything is published, naming the field to change (rather than renaming
 * silently: a name is what people and dependsOn refer to).
 */
import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import YAML from 'yaml';

/** The part of an entity this needs. */
export type CatalogEntityLike = {
  metadata?: { annotations?: Record<string, string> };
};

/** Looks entities up in the catalog, with the task initiator's credentials. */
export interface CatalogLookup {
  /** The entity, or undefined when the catalog has none of that ref. */
  getEntityByRef(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<CatalogEntityLike | undefined>;
}

/**
 * A CatalogLookup over the catalog's REST API
 * (`GET /entities/by-name/:kind/:namespace/:name`), with a token on behalf
 * of the given credentials.
 */
export function catalogLookupFromServices(services: {
  discovery: DiscoveryService;
  auth: AuthService;
}): CatalogLookup {
  return {
    async getEntityByRef(ref, credentials) {
      const [, kind, namespace, name] = /^([^:]+):([^/]+)\/(.+)$/.exec(ref)!;
      const base = await services.discovery.getBaseUrl('catalog');
      const { token } = await services.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'catalog',
      });
      const res = await fetch(
        `${base}/entities/by-name/${[kind, namespace, name]
          .map(encodeURIComponent)
          .join('/')}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (res.status === 404) return undefined;
      if (!res.ok) {
        throw new Error(
          `Catalog lookup of ${ref} failed: ${res.status} ${res.statusText}`,
        );
      }
      return (await res.json()) as CatalogEntityLike;
    },
  };
}

/** The entity refs (kind:namespace/name, lowercase) a catalog-info.yaml defines. */
export function entityRefsOf(catalogInfo: string): string[] {
  return YAML.parseAllDocuments(catalogInfo).flatMap(doc => {
    const entity = doc.toJS() as {
      kind?: string;
      metadata?: { name?: string; namespace?: string };
    } | null;
    if (!entity?.kind || !entity.metadata?.name) return [];
    return [
      `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
        entity.metadata.name
      }`.toLowerCase(),
    ];
  });
}

/** The input field that names an entity of this kind, for the message. */
const FIELD_OF_KIND: Record<string, string> = {
  component: 'catalog.name or helm_context.chart_name',
  resource: 'terraform_context.cluster_name',
};

/** Fails with an InputError when any of the refs exists in the catalog. */
export async function assertEntityNamesFree(
  lookup: CatalogLookup,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<void> {
  const taken: string[] = [];
  for (const ref of refs) {
    const existing = await lookup.getEntityByRef(ref, credentials);
    if (existing) {
      const from =
        existing.metadata?.annotations?.['backstage.io/managed-by-location'];
      const kind = ref.split(':')[0];
      taken.push(
        `The catalog already has ${ref}${from ? ` (from ${from})` : ''}: ${
          Object.hasOwn(FIELD_OF_KIND, kind)
            ? `choose another ${FIELD_OF_KIND[kind]}`
            : 'choose another name'
        }`,
      );
    }
  }
  if (taken.length) {
    throw new InputError(taken.join('; '));
  }
}
