import { getHclParser } from '../../wasm';
import { podSecurityRule } from '../podSecurity';

const MODULE = 'terraform/modules/cluster-addons';

const NAMESPACES = `
locals {
  external_secrets_namespace = "external-secrets"
}

resource "helm_release" "addon_namespaces" {
  name      = "addon-namespaces"
  chart     = "\${path.module}/charts/addon-config"
  namespace = "kube-system"

  values = [yamlencode({
    cloud = local.cloud
    namespaces = [
      { name = local.external_secrets_namespace, podSecurity = "restricted" },
      { name = "external-secrets", podSecurity = "restricted" },
    ]
  })]
}
`;

const eso = (values: string) => `
resource "helm_release" "external_secrets" {
  name       = "external-secrets"
  repository = "https://charts.external-secrets.io"
  chart      = "external-secrets"
  version    = "2.9.0"
  namespace  = local.external_secrets_namespace

  values = [yamlencode({
${values}
  })]
}
`;

const RESTRICTED = `
    installCRDs = true
    podSecurityContext = {
      runAsNonRoot   = true
      seccompProfile = { type = "RuntimeDefault" }
    }
    securityContext = {
      allowPrivilegeEscalation = false
      capabilities             = { drop = ["ALL"] }
      readOnlyRootFilesystem   = true
      runAsNonRoot             = true
      runAsUser                = 65532
      seccompProfile           = { type = "RuntimeDefault" }
    }
    serviceAccount = {
      annotations = local.annotations
    }`;

async function run(files: Record<string, string>) {
  const parse = await getHclParser();
  const hcl = new Map<string, unknown>();
  for (const [file, source] of Object.entries(files)) {
    hcl.set(file, await parse(file, source));
  }
  return podSecurityRule.run({
    files: new Map(Object.entries(files)),
    manifests: [],
    hcl,
    chartsRendered: false,
  });
}

describe('pod-security: values of charts installed by Terraform', () => {
  it('admits External Secrets Operator with restricted values in a restricted namespace', async () => {
    expect(
      await run({ [`${MODULE}/main.tf`]: NAMESPACES + eso(RESTRICTED) }),
    ).toEqual([]);
  });

  it('does not judge namespaces without an enforced level (kube-system, create_namespace)', async () => {
    expect(
      await run({
        [`${MODULE}/main.tf`]: eso(`
    hostNetwork = true
    securityContext = { enabled = false }`),
      }),
    ).toEqual([]);
  });

  it('rejects values that break the namespace level, naming the pod and the rule', async () => {
    const findings = await run({
      [`${MODULE}/main.tf`]:
        NAMESPACES +
        eso(`
    hostNetwork = true
    webhook = {
      securityContext = {
        enabled                  = true
        allowPrivilegeEscalation = true
      }
    }
    certController = {
      create = false
    }`),
    });
    expect(findings.map(f => [f.file, f.check, f.severity])).toEqual([
      [`${MODULE}/main.tf`, 'pod-security', 'error'],
      [`${MODULE}/main.tf`, 'pod-security', 'error'],
    ]);
    expect(findings[0].message).toMatch(
      /^helm_release\.external_secrets: Deployment external-secrets of chart external-secrets: namespace "external-secrets" enforces "restricted" \(helm_release\.addon_namespaces\), the pod is rejected: .*host namespaces/,
    );
    expect(findings[1].message).toMatch(
      /Deployment external-secrets-webhook .*allowPrivilegeEscalation/,
    );
  });

  it('reads contexts given as literal locals of the module', async () => {
    const locals = (allow: boolean) => `
locals {
  restricted_security_context = {
    allowPrivilegeEscalation = ${allow}
    capabilities             = { drop = ["ALL"] }
    runAsNonRoot             = true
    seccompProfile           = { type = "RuntimeDefault" }
  }
}
`;
    const values = `
    securityContext = local.restricted_security_context
    webhook = {
      securityContext = local.restricted_security_context
    }
    certController = {
      securityContext = local.restricted_security_context
    }`;
    expect(
      await run({
        [`${MODULE}/main.tf`]: NAMESPACES + locals(false) + eso(values),
      }),
    ).toEqual([]);
    expect(
      await run({
        [`${MODULE}/main.tf`]: NAMESPACES + locals(true) + eso(values),
      }),
    ).toHaveLength(3);
  });

  it('uses the chart defaults where our value is computed', async () => {
    // the chart's own container context is restricted; its pod context is
    // empty, which restricted admits when every container runs as non-root
    expect(
      await run({
        [`${MODULE}/main.tf`]:
          NAMESPACES + eso(`    securityContext = local.security_context`),
      }),
    ).toEqual([]);
  });
});
