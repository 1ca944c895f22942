import { getHclParser } from '../wasm';
import { enabledRules, tflintLayoutRule } from './tflintLayout';

const CONFIG = `
plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

rule "terraform_documented_variables" {
  enabled = true
}

rule "terraform_documented_outputs" {
  enabled = true
}

rule "terraform_naming_convention" {
  enabled = true
}

rule "terraform_standard_module_structure" {
  enabled = true
}
`;

const GOOD = {
  '.tflint.hcl': CONFIG,
  'terraform/versions.tf': `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
`,
  'terraform/main.tf': `
locals {
  name = "\${var.project}-eks"
}

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "cluster" {
  name = "\${local.name}-\${data.aws_caller_identity.current.account_id}"
}
`,
  'terraform/variables.tf': `
variable "project" {
  type        = string
  description = "Project name."
}
`,
  'terraform/outputs.tf': `
output "role_arn" {
  description = "ARN of the cluster role."
  value       = aws_iam_role.cluster.arn
}
`,
};

/** The defect: variables and outputs in addons.tf and outputs_azure.tf. */
const BROKEN = {
  ...GOOD,
  'terraform/addons.tf': `
variable "addons" {
  type        = map(bool)
  description = "Add-ons."
}

output "addonsEnabled" {
  value = var.addons
}
`,
  'terraform/modules/cluster-addons/outputs_azure.tf': `
output "identity" {
  description = "x"
  value       = random_id.x.hex
}

variable "unused" {}

resource "random_id" "x" {
  byte_length = 4
}
`,
};

async function run(files: Record<string, string>) {
  const parse = await getHclParser();
  const hcl = new Map<string, unknown>();
  for (const [file, source] of Object.entries(files)) {
    hcl.set(file, await parse(file, source));
  }
  return tflintLayoutRule.run({
    files: new Map(Object.entries(files)),
    manifests: [],
    hcl,
    chartsRendered: false,
  });
}

describe('tflint-layout', () => {
  it('reads the enabled rules from .tflint.hcl', async () => {
    const parse = await getHclParser();
    const rules = enabledRules(await parse('.tflint.hcl', CONFIG));
    expect([...rules].sort()).toEqual([
      'terraform_documented_outputs',
      'terraform_documented_variables',
      'terraform_naming_convention',
      'terraform_required_providers',
      'terraform_standard_module_structure',
      'terraform_typed_variables',
      'terraform_unused_declarations',
    ]);
    const off = await parse(
      '.tflint.hcl',
      `${CONFIG}\nrule "terraform_standard_module_structure" {\n  enabled = false\n}\n`,
    );
    expect(enabledRules(off).has('terraform_standard_module_structure')).toBe(
      false,
    );
  });

  it('accepts a module in the standard structure', async () => {
    expect(await run(GOOD)).toEqual([]);
  });

  it('checks nothing without a .tflint.hcl', async () => {
    const { ['.tflint.hcl']: _, ...rest } = BROKEN;
    expect(await run(rest)).toEqual([]);
  });

  it('reports every rule .tflint.hcl enables that the code breaks', async () => {
    const messages = (await run(BROKEN)).map(f => `${f.file}: ${f.message}`);
    expect(messages).toEqual([
      'terraform/addons.tf: terraform_standard_module_structure: variable "addons" must be in terraform/variables.tf',
      'terraform/addons.tf: terraform_standard_module_structure: output "addonsEnabled" must be in terraform/outputs.tf',
      'terraform/addons.tf: terraform_documented_outputs: output "addonsEnabled" has no description',
      'terraform/addons.tf: terraform_naming_convention: output name "addonsEnabled" is not snake_case',
      'terraform/modules/cluster-addons/main.tf: terraform_standard_module_structure: module terraform/modules/cluster-addons has no main.tf',
      'terraform/modules/cluster-addons/variables.tf: terraform_standard_module_structure: module terraform/modules/cluster-addons has no variables.tf',
      'terraform/modules/cluster-addons/outputs.tf: terraform_standard_module_structure: module terraform/modules/cluster-addons has no outputs.tf',
      'terraform/modules/cluster-addons/outputs_azure.tf: terraform_standard_module_structure: variable "unused" must be in terraform/modules/cluster-addons/variables.tf',
      'terraform/modules/cluster-addons/outputs_azure.tf: terraform_standard_module_structure: output "identity" must be in terraform/modules/cluster-addons/outputs.tf',
      'terraform/modules/cluster-addons/outputs_azure.tf: terraform_documented_variables: variable "unused" has no description',
      'terraform/modules/cluster-addons/outputs_azure.tf: terraform_typed_variables: variable "unused" has no type',
      'terraform/modules/cluster-addons/outputs_azure.tf: terraform_unused_declarations: variable "unused" is declared but not used',
      'terraform/modules/cluster-addons/outputs_azure.tf: terraform_required_providers: provider "random" is used in module terraform/modules/cluster-addons but not in its required_providers',
    ]);
  });
});
