import { hclLiteral, UNKNOWN, yamlencodeArgument } from './hclLiteral';

describe('hclLiteral', () => {
  it('reads the literal parts of an object and marks the computed ones', () => {
    expect(
      hclLiteral(`{
    installCRDs  = true
    replicaCount = 2
    name = "a \\"b\\""
    serviceAccount = {
      create      = true
      name        = local.external_secrets_service_account
      annotations = var.x ? { a = 1 } : {}
    }
    list = ["x", 1.5, null, local.y]
    "quoted-key" = "v"
    templated = "\${var.cluster_name}-x"
    call = merge(local.a, {
      b = 1
    })
    securityContext = {
      capabilities = { drop = ["ALL"] } # comment
    }
  }`),
    ).toEqual({
      installCRDs: true,
      replicaCount: 2,
      name: 'a "b"',
      serviceAccount: { create: true, name: UNKNOWN, annotations: UNKNOWN },
      list: ['x', 1.5, null, UNKNOWN],
      'quoted-key': 'v',
      templated: UNKNOWN,
      call: UNKNOWN,
      securityContext: { capabilities: { drop: ['ALL'] } },
    });
  });

  it('treats for expressions as computed', () => {
    expect(hclLiteral('{ for r in local.x : r.name => r.version }')).toBe(
      UNKNOWN,
    );
    expect(
      hclLiteral('{ a = { for k, v in local.m : k => v }, b = 1 }'),
    ).toEqual({
      a: UNKNOWN,
      b: 1,
    });
  });

  it('takes the argument of yamlencode() in a values item as hcl2json gives it', () => {
    expect(yamlencodeArgument('${yamlencode({\n  a = 1\n})}')).toEqual({
      a: 1,
    });
    expect(yamlencodeArgument('${file("values.yaml")}')).toBeUndefined();
    expect(yamlencodeArgument(3)).toBeUndefined();
  });
});
