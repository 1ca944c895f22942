/*
 * Annotations the IaC Forge templates write on the generated entities. Kept
 * free of other imports: the entity card filter is part of the app's
 * initial bundle.
 */
export const ANNOTATION_CLOUD = 'iacforge.io/cloud';
export const ANNOTATION_REGION = 'iacforge.io/region';
export const ANNOTATION_CLUSTER = 'iacforge.io/cluster';
export const ANNOTATION_TEMPLATES = 'iacforge.io/templates';
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
export const ANNOTATION_MANAGED_BY_LOCATION =
  'backstage.io/managed-by-location';

type EntityLike = { metadata: { annotations?: Record<string, string> } };

/** True for entities the card is for (annotation iacforge.io/cloud set). */
export function hasIacAnnotations(entity: EntityLike): boolean {
  return Boolean(entity.metadata.annotations?.[ANNOTATION_CLOUD]?.trim());
}
