/*
 * Helpers of the knob tests: a matrix case by name, rendered with helm
 * template, and the objects of one kind in it.
 */
import { helmMatrix } from './cases';
import { HelmCase, K8sObject, renderChart, templateChart } from './chart';

const MATRIX = new Map(helmMatrix().map(c => [c.name, c]));

export function byName(name: string): HelmCase {
  const found = MATRIX.get(name);
  if (!found) throw new Error(`no matrix case "${name}"`);
  return found;
}

export async function render(
  name: string,
  setTyped: string[] = [],
): Promise<K8sObject[]> {
  return templateChart(renderChart(byName(name)).files, { setTyped });
}

export function one(
  objects: K8sObject[],
  kind: string,
  name?: string,
): K8sObject {
  const found = objects.filter(
    o => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  expect({ kind, name, count: found.length }).toEqual({ kind, name, count: 1 });
  return found[0];
}

export function kinds(objects: K8sObject[]): string[] {
  return objects.map(o => o.kind).sort();
}

export function container(objects: K8sObject[]) {
  return one(objects, 'Deployment').spec.template.spec.containers[0];
}

export function env(objects: K8sObject[]): Record<string, any> {
  return Object.fromEntries(
    (container(objects).env ?? []).map((e: any) => [
      e.name,
      e.value ?? e.valueFrom,
    ]),
  );
}
