/*
 * Marks outdated generated components: for an entity with the
 * iacforge.io/templates annotation (`kind/name@version,…`, written by the
 * generate actions), compares each template with the installed trees as
 * SemVer and sets iacforge.io/outdated ("true" / "false") and, when
 * outdated, iacforge.io/template-lag ("aws-eks 1.0.0 → 1.2.0"). The catalog
 * filters on them: `filter=metadata.annotations.iacforge.io/outdated=true`.
 */
import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  formatTemplateLag,
  ANNOTATION_OUTDATED,
  parseTemplatesAnnotation,
  ANNOTATION_TEMPLATE_LAG,
  templateLag,
  ANNOTATION_TEMPLATES,
} from '@iacforge/plugin-iac-common';

export type InstalledTemplate = { kind: string; name: string; version: string };

export class IacTemplateLagProcessor implements CatalogProcessor {
  constructor(private readonly installed: () => InstalledTemplate[]) {}

  getProcessorName(): string {
    return 'IacTemplateLagProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    const recorded = parseTemplatesAnnotation(
      entity.metadata.annotations?.[ANNOTATION_TEMPLATES],
    );
    if (!recorded.length) return entity;
    const lag = templateLag(recorded, this.installed());
    const annotations: Record<string, string> = {
      ...entity.metadata.annotations,
      [ANNOTATION_OUTDATED]: lag.length ? 'true' : 'false',
    };
    if (lag.length) {
      annotations[ANNOTATION_TEMPLATE_LAG] = formatTemplateLag(lag);
    } else {
      delete annotations[ANNOTATION_TEMPLATE_LAG];
    }
    return { ...entity, metadata: { ...entity.metadata, annotations } };
  }
}
