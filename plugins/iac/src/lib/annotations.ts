/*
 * Annotations on the generated entities, as the entity card reads them.
 */
// the iacforge.io annotations are the contract's (its package has no side
// effects: importing constants keeps the entity card filter small)
export {
  ANNOTATION_CLOUD,
  ANNOTATION_CLUSTER,
  ANNOTATION_REGION,
  ANNOTATION_TEMPLATES,
} from '@iacforge/plugin-iac-common';
import { ANNOTATION_CLOUD } from '@iacforge/plugin-iac-common';

export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
export const ANNOTATION_MANAGED_BY_LOCATION =
  'backstage.io/managed-by-location';

type EntityLike = { metadata: { annotations?: Record<string, string> } };

/** True for entities the card is for (annotation iacforge.io/cloud set). */
export function hasIacAnnotations(entity: EntityLike): boolean {
  return Boolean(entity.metadata.annotations?.[ANNOTATION_CLOUD]?.trim());
}
