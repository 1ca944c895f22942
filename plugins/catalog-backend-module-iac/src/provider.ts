import fs from 'node:fs';
import path from 'node:path';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { parseAllDocuments } from 'yaml';

/** The name the catalog knows this provider by. */
export const IAC_TEMPLATES_PROVIDER_NAME = 'iacforge-templates';

function readYaml(file: string): unknown[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  return docs.map(doc => {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors[0].message}`);
    }
    return doc.toJSON();
  });
}

/**
 * Reads the entities a `Location` file lists (its `spec.target(s)`, relative
 * to the file), annotated with the file they came from. Only local files:
 * the shipped location lists its five Template entities.
 */
export function readLocationEntities(locationFile: string): Entity[] {
  const out: Entity[] = [];
  for (const doc of readYaml(locationFile)) {
    const location = doc as {
      kind?: string;
      spec?: { target?: string; targets?: string[] };
    };
    if (location?.kind !== 'Location') {
      throw new Error(`${locationFile}: expected a Location entity`);
    }
    const targets = [
      ...(location.spec?.target ? [location.spec.target] : []),
      ...(location.spec?.targets ?? []),
    ];
    for (const target of targets) {
      const file = path.resolve(path.dirname(locationFile), target);
      for (const entity of readYaml(file) as Entity[]) {
        if (!entity?.kind || !entity.metadata?.name) {
          throw new Error(`${file}: not a catalog entity`);
        }
        out.push({
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: {
              ...entity.metadata.annotations,
              [ANNOTATION_LOCATION]: `file:${file}`,
              [ANNOTATION_ORIGIN_LOCATION]: `file:${file}`,
            },
          },
        });
      }
    }
  }
  return out;
}

/**
 * Puts the shipped Template entities into the catalog on connect (one full
 * mutation: they change only with the package, i.e. on a restart). When
 * disabled it applies an empty full mutation, which removes entities it
 * provided before.
 *
 * @public
 */
export class IacTemplatesEntityProvider implements EntityProvider {
  constructor(
    private readonly options: {
      /** The Location file listing the Template entities. */
      locationFile: string;
      enabled: boolean;
    },
  ) {}

  getProviderName(): string {
    return IAC_TEMPLATES_PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    const entities = this.options.enabled
      ? readLocationEntities(this.options.locationFile)
      : [];
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: `${IAC_TEMPLATES_PROVIDER_NAME}:${this.options.locationFile}`,
      })),
    });
  }
}
