/*
 * Contract with the Template entities (plugins/iac-templates/templates/scaffolder/*): the preview
 * and the iac:*:generate step build the payload with the same function
 * (formToPayload, in the contract) from the same input, so they agree by
 * construction as long as each Template
 *  - passes the form as it is: `form: ${{ parameters }}`, and no payload
 *    fields beside it;
 *  - gives the step the IacPreview field's mapping options (formOptions =
 *    the payload-shaping part of its ui:options), and the preview's request
 *    kind is the action's;
 *  - passes the preview's content hash (`expectedContentHash`).
 * The action side (form input → formToPayload) is proven in
 * plugins/scaffolder-backend-module-iac/src/actions/generate.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

// eslint-disable-next-line no-restricted-syntax
const root = path.resolve(
  __dirname,
  '../../iac-templates/templates/scaffolder',
);

/** ui:options of IacPreview that shape the payload (FormOptions), besides kind. */
const FORM_OPTION_KEYS = [
  'cloudField',
  'existingCloudField',
  'regionField',
  'nodePoolField',
  'featuresField',
  'mapping',
  'extra',
];

/** Inputs a generate step may have beside the form. */
const STEP_OPTION_KEYS = [
  'form',
  'formOptions',
  'expectedContentHash',
  'catalog',
  'targetPath',
];

type Json = any;

function templates() {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter(d => fs.existsSync(path.join(root, d, 'template.yaml')))
    .map(d => ({
      name: d,
      doc: YAML.parse(
        fs.readFileSync(path.join(root, d, 'template.yaml'), 'utf8'),
      ) as Json,
    }))
    .filter(t => JSON.stringify(t.doc).includes('"IacPreview"'));
}

function fieldsOf(doc: Json): Array<[string, Json]> {
  return doc.spec.parameters.flatMap((step: Json) =>
    Object.entries<Json>(step.properties ?? {}),
  );
}

const cases = templates().map(t => [t.name, t.doc] as const);

describe('Template entities and the IacPreview field', () => {
  it('finds templates that use IacPreview', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)(
    '%s: the generate step gets the form as it is, with the preview options and hash',
    (_name, doc) => {
      const fields = fieldsOf(doc);
      const previews = fields.filter(([, p]) => p['ui:field'] === 'IacPreview');
      expect(previews).toHaveLength(1);
      const [previewName, preview] = previews[0];
      const options = preview['ui:options'] ?? {};

      const steps = doc.spec.steps.filter((s: Json) =>
        /^iac:[a-z]+:generate$/.test(s.action),
      );
      expect(steps).toHaveLength(1);
      const [step] = steps;
      const input = step.input;

      expect(input.form).toBe('${{ parameters }}');
      expect(input.expectedContentHash).toBe(
        `\${{ parameters.${previewName} }}`,
      );
      // no payload field beside the form
      expect(
        Object.keys(input).filter(k => !STEP_OPTION_KEYS.includes(k)),
      ).toEqual([]);

      // the preview's mapping options are the step's formOptions
      const previewFormOptions = Object.fromEntries(
        Object.entries(options).filter(([k]) => FORM_OPTION_KEYS.includes(k)),
      );
      const stepKind = /^iac:([a-z]+):generate$/.exec(step.action)![1];
      const { kind = stepKind, ...stepFormOptions } = input.formOptions ?? {};
      expect(kind).toBe(stepKind);
      expect(stepFormOptions).toEqual(previewFormOptions);
      expect(options.kind ?? 'platform').toBe(stepKind);
    },
  );

  it.each(cases)(
    '%s: the IacFeatures field is where the preview reads it',
    (_name, doc) => {
      const fields = fieldsOf(doc);
      const preview = fields.find(([, p]) => p['ui:field'] === 'IacPreview')!;
      const featuresField =
        preview[1]['ui:options']?.featuresField ?? 'features';
      const features = fields.filter(
        ([, p]) => p['ui:field'] === 'IacFeatures',
      );
      // at most one features field, and it is the one the preview reads
      expect(features.map(([name]) => name)).toEqual(
        features.length ? [featuresField] : [],
      );
      expect(features.map(([, prop]) => prop.type)).toEqual(
        features.map(() => 'object'),
      );
    },
  );
});
