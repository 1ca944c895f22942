/*
 * The inputs of the IacFeatures field, built at runtime from the contract:
 * the feature groups (iac-common features.ts) and the JSON Schema of
 * helm_context (titles from field names, descriptions, defaults, bounds,
 * enums). Nothing here lists contract fields: a field added to the contract
 * shows up in its group.
 */
import {
  CLOUDS,
  Cloud,
  FEATURE_GROUPS,
  FeatureGroup,
  featureFields,
  featureGates,
  getJsonSchema,
  isSecretHelmField,
} from '@iacforge/plugin-iac-common';

/** How a field is edited. */
export type InputKind =
  | 'boolean'
  | 'integer'
  | 'number'
  | 'enum'
  | 'string'
  | 'string-list'
  | 'map'
  | 'json';

/** One input of the Features step. */
export interface FeatureInput {
  /** helm_context field name. */
  name: string;
  title: string;
  description?: string;
  kind: InputKind;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  options?: string[];
  /** Toggles that must be on for the input to show (outermost first). */
  gates: string[];
}

/** A group as the field renders it. */
export interface FeatureSection {
  group: FeatureGroup;
  /** The toggle's input (undefined for a settings section). */
  toggle?: FeatureInput;
  inputs: FeatureInput[];
}

type Prop = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  anyOf?: Prop[];
  items?: Prop;
  additionalProperties?: Prop | boolean;
};

const WORDS: Record<string, string> = {
  url: 'URL',
  cpu: 'CPU',
  tls: 'TLS',
  otlp: 'OTLP',
  id: 'ID',
  hec: 'HEC',
  arn: 'ARN',
  iam: 'IAM',
  http: 'HTTP',
  pdb: 'PDB',
  hpa: 'HPA',
  keda: 'KEDA',
  aws: 'AWS',
  gcp: 'GCP',
  gb: 'GB',
};

/** "istio_gateway_host" in the Istio group → "Gateway host". */
export function fieldTitle(name: string, group?: FeatureGroup): string {
  const prefix = (group?.prefixes ?? [])
    .filter(p => name.startsWith(p) && name.length > p.length)
    .sort((a, b) => b.length - a.length)[0];
  const words = (prefix ? name.slice(prefix.length) : name)
    .split('_')
    .filter(Boolean)
    .map(w => WORDS[w] ?? w);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function kindOf(prop: Prop): Pick<FeatureInput, 'kind' | 'options'> {
  const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
  if (prop.enum?.every(v => typeof v === 'string')) {
    return { kind: 'enum', options: prop.enum as string[] };
  }
  if (prop.anyOf) {
    // a number or a string (e.g. "50%"): typed as text
    return prop.anyOf.some(p => p.type === 'string')
      ? { kind: 'string' }
      : { kind: 'json' };
  }
  switch (type) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
      return { kind: 'integer' };
    case 'number':
      return { kind: 'number' };
    case 'string':
      return { kind: 'string' };
    case 'array':
      return prop.items?.type === 'string'
        ? { kind: 'string-list' }
        : { kind: 'json' };
    case 'object':
      return typeof prop.additionalProperties === 'object' &&
        prop.additionalProperties.type === 'string'
        ? { kind: 'map' }
        : { kind: 'json' };
    default:
      return { kind: 'json' };
  }
}

let sections: FeatureSection[] | undefined;

/** Every group with its inputs (secrets left out: they are task secrets). */
export function featureSections(): FeatureSection[] {
  if (sections) return sections;
  const props = (getJsonSchema('helm_context', { target: 'draft-7' })
    .properties ?? {}) as Record<string, Prop>;
  const input = (name: string, group: FeatureGroup): FeatureInput => {
    const prop = props[name] ?? {};
    return {
      name,
      title: name === group.toggle ? group.title : fieldTitle(name, group),
      description: prop.description,
      default: prop.default,
      minimum: prop.minimum,
      maximum: prop.maximum,
      ...kindOf(prop),
      gates: featureGates(name),
    };
  };
  sections = FEATURE_GROUPS.map(group => ({
    group,
    toggle: group.toggle ? input(group.toggle, group) : undefined,
    inputs: featureFields(group)
      .filter(name => name !== group.toggle && !isSecretHelmField(name))
      .map(name => input(name, group)),
  }));
  return sections;
}

/** The value of a toggle: set, else its contract default. */
export function toggleValue(
  value: Record<string, unknown>,
  input: FeatureInput | string,
): boolean {
  const name = typeof input === 'string' ? input : input.name;
  if (typeof value[name] === 'boolean') return value[name] as boolean;
  const section = featureSections()
    .flatMap(s => [s.toggle, ...s.inputs])
    .find(i => i?.name === name);
  return section?.default === true;
}

/** True when the input is shown: every gate on, and its cloud (if any) is the form's. */
export function isShown(
  input: FeatureInput,
  value: Record<string, unknown>,
  cloud: Cloud | undefined,
): boolean {
  const owner = CLOUDS.find(c => input.name.startsWith(`${c}_`));
  if (owner && owner !== cloud) return false;
  return input.gates.every(g => toggleValue(value, g));
}

/**
 * The new value after switching a group: `requires` turned on with it,
 * `excludes` turned off (the contract refuses the other combinations).
 */
export function switchGroup(
  value: Record<string, unknown>,
  group: FeatureGroup,
  on: boolean,
): Record<string, unknown> {
  if (!group.toggle) return value;
  const next: Record<string, unknown> = { ...value, [group.toggle]: on };
  if (on) {
    for (const t of group.requires ?? []) next[t] = true;
    for (const t of group.excludes ?? []) next[t] = false;
  }
  return next;
}

/** Text shown in an input for a value. */
export function toText(input: FeatureInput, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (input.kind) {
    case 'string-list':
      return Array.isArray(value) ? value.join('\n') : String(value);
    case 'map':
      return value && typeof value === 'object'
        ? Object.entries(value as Record<string, unknown>)
            .map(([k, v]) => `${k}=${v}`)
            .join('\n')
        : String(value);
    case 'json':
      return JSON.stringify(value, null, 2);
    default:
      return String(value);
  }
}

/** The value of a text; `error` when it cannot be read. "" unsets. */
export function fromText(
  input: FeatureInput,
  text: string,
): { value?: unknown; error?: string } {
  if (text.trim() === '') return { value: undefined };
  switch (input.kind) {
    case 'integer':
    case 'number': {
      const n = Number(text);
      if (!Number.isFinite(n)) return { error: 'Enter a number' };
      return { value: n };
    }
    case 'string-list':
      return {
        value: text
          .split(/[\n,]/)
          .map(s => s.trim())
          .filter(Boolean),
      };
    case 'map': {
      const out: Record<string, string> = {};
      for (const line of text.split('\n').filter(l => l.trim())) {
        const eq = line.indexOf('=');
        if (eq < 1) return { error: `"${line.trim()}": write key=value` };
        out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
      }
      return { value: out };
    }
    case 'json':
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { error: 'Not valid JSON' };
      }
    default:
      return { value: text };
  }
}

/** The helm_context field an issue path points at ("helm_context.env[0].name" → "env"). */
export function fieldOfIssuePath(path: string): string | undefined {
  const m = /^helm_context\.([A-Za-z0-9_]+)/.exec(path);
  return m?.[1];
}
