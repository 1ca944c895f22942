/*
 * The Pod Security Standards (baseline and restricted), as specified in
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * (policy version "latest", Kubernetes 1.30-1.34: the checks of the
 * upstream pod-security-admission library, k8s.io/pod-security-admission/policy).
 * One function per control, each returning readable violations in the words
 * the admission controller uses.
 */
import { isPlainObject } from '../../util';

/** A Pod Security Standards level, as in `pod-security.kubernetes.io/enforce`. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = [
  'privileged',
  'baseline',
  'restricted',
];

type Obj = Record<string, unknown>;

/** Capabilities baseline allows to add ("Capabilities" control). */
export const BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

/** Sysctls baseline allows ("Sysctls" control, up to 1.32's additions). */
export const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];

/** Volume types restricted allows ("Volume Types" control). */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

const SELINUX_TYPES = [
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
];

/** A pod as the checks see it: its metadata (annotations) and spec. */
export interface PodTemplate {
  annotations: Obj;
  spec: Obj;
}

interface Container {
  name: string;
  sc: Obj;
  raw: Obj;
}

function obj(value: unknown): Obj {
  return isPlainObject(value) ? value : {};
}

function list(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

function containersOf(spec: Obj): Container[] {
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap(key =>
    list(spec[key]).map(c => ({
      name: String(c.name ?? '?'),
      sc: obj(c.securityContext),
      raw: c,
    })),
  );
}

function names(containers: Container[]): string {
  return containers.map(c => `"${c.name}"`).join(', ');
}

function plural(containers: Container[], what: string): string {
  return `${containers.length === 1 ? 'container' : 'containers'} ${names(
    containers,
  )} ${what}`;
}

type Control = (pod: PodTemplate, containers: Container[]) => string[];

const baseline: Control[] = [
  // HostProcess
  ({ spec }, cs) => {
    const bad = cs.filter(c => obj(c.sc.windowsOptions).hostProcess === true);
    const pod = obj(obj(spec.securityContext).windowsOptions).hostProcess;
    return pod === true || bad.length
      ? ['hostProcess (pod or containers must not set hostProcess=true)']
      : [];
  },
  // Host namespaces
  ({ spec }) => {
    const on = ['hostNetwork', 'hostPID', 'hostIPC'].filter(
      k => spec[k] === true,
    );
    return on.length
      ? [`host namespaces (${on.map(k => `${k}=true`).join(', ')})`]
      : [];
  },
  // Privileged containers
  (_, cs) => {
    const bad = cs.filter(c => c.sc.privileged === true);
    return bad.length
      ? [`privileged (${plural(bad, 'must not set privileged=true')})`]
      : [];
  },
  // Capabilities (baseline list)
  (_, cs) => {
    const added = cs.flatMap(c =>
      (Array.isArray(obj(c.sc.capabilities).add)
        ? (obj(c.sc.capabilities).add as unknown[])
        : []
      )
        .map(String)
        .filter(cap => !BASELINE_CAPABILITIES.includes(cap))
        .map(cap => `"${c.name}": ${cap}`),
    );
    return added.length
      ? [`non-default capabilities (${added.join(', ')})`]
      : [];
  },
  // HostPath volumes
  ({ spec }) => {
    const bad = list(spec.volumes).filter(v => v.hostPath !== undefined);
    return bad.length
      ? [`hostPath volumes (${bad.map(v => `"${v.name}"`).join(', ')})`]
      : [];
  },
  // Host ports
  (_, cs) => {
    const bad = cs.flatMap(c =>
      list(c.raw.ports)
        .filter(p => p.hostPort !== undefined && p.hostPort !== 0)
        .map(p => `"${c.name}": ${p.hostPort}`),
    );
    return bad.length ? [`hostPort (${bad.join(', ')})`] : [];
  },
  // AppArmor
  ({ spec, annotations }, cs) => {
    const ok = (t: unknown) =>
      t === undefined || t === 'RuntimeDefault' || t === 'Localhost';
    const bad: string[] = [];
    if (!ok(obj(obj(spec.securityContext).appArmorProfile).type)) {
      bad.push('pod');
    }
    for (const c of cs) {
      if (!ok(obj(c.sc.appArmorProfile).type)) {
        bad.push(`"${c.name}"`);
      }
    }
    for (const [key, value] of Object.entries(annotations)) {
      if (
        key.startsWith('container.apparmor.security.beta.kubernetes.io/') &&
        value !== 'runtime/default' &&
        !String(value).startsWith('localhost/')
      ) {
        bad.push(`annotation ${key}=${String(value)}`);
      }
    }
    return bad.length ? [`forbidden AppArmor profile (${bad.join(', ')})`] : [];
  },
  // SELinux
  ({ spec }, cs) => {
    const check = (o: Obj) =>
      !SELINUX_TYPES.includes(String(o.type ?? '')) ||
      (o.user !== undefined && o.user !== '') ||
      (o.role !== undefined && o.role !== '');
    const bad = [
      ...(check(obj(obj(spec.securityContext).seLinuxOptions)) ? ['pod'] : []),
      ...cs.filter(c => check(obj(c.sc.seLinuxOptions))).map(c => c.name),
    ];
    return bad.length ? [`seLinuxOptions (${bad.join(', ')})`] : [];
  },
  // /proc mount type
  (_, cs) => {
    const bad = cs.filter(
      c => c.sc.procMount !== undefined && c.sc.procMount !== 'Default',
    );
    return bad.length
      ? [`procMount (${plural(bad, 'must not set a non-default procMount')})`]
      : [];
  },
  // Seccomp (baseline: never Unconfined)
  ({ spec }, cs) => {
    const bad = [
      ...(obj(obj(spec.securityContext).seccompProfile).type === 'Unconfined'
        ? ['pod']
        : []),
      ...cs
        .filter(c => obj(c.sc.seccompProfile).type === 'Unconfined')
        .map(c => `"${c.name}"`),
    ];
    return bad.length
      ? [`seccompProfile (${bad.join(', ')} must not set type Unconfined)`]
      : [];
  },
  // Sysctls
  ({ spec }) => {
    const bad = list(obj(spec.securityContext).sysctls)
      .map(s => String(s.name))
      .filter(n => !SAFE_SYSCTLS.includes(n));
    return bad.length ? [`forbidden sysctls (${bad.join(', ')})`] : [];
  },
];

const restricted: Control[] = [
  // Volume types
  ({ spec }) => {
    const bad = list(spec.volumes).flatMap(v => {
      const type = Object.keys(v).find(k => k !== 'name');
      return type && !RESTRICTED_VOLUME_TYPES.includes(type)
        ? [`"${String(v.name)}": ${type}`]
        : [];
    });
    return bad.length ? [`restricted volume types (${bad.join(', ')})`] : [];
  },
  // Privilege escalation
  (_, cs) => {
    const bad = cs.filter(c => c.sc.allowPrivilegeEscalation !== false);
    return bad.length
      ? [
          `allowPrivilegeEscalation != false (${plural(
            bad,
            'must set securityContext.allowPrivilegeEscalation=false',
          )})`,
        ]
      : [];
  },
  // Running as non-root
  ({ spec }, cs) => {
    const pod = obj(spec.securityContext).runAsNonRoot;
    const explicitFalse = cs.filter(c => c.sc.runAsNonRoot === false);
    const unset = cs.filter(c => c.sc.runAsNonRoot === undefined);
    if (pod === false || explicitFalse.length) {
      return [
        `runAsNonRoot != true (${
          pod === false ? 'pod' : plural(explicitFalse, '')
        } must not set runAsNonRoot=false)`.replace(' )', ')'),
      ];
    }
    if (pod !== true && unset.length) {
      return [
        `runAsNonRoot != true (pod or ${plural(
          unset,
          'must set securityContext.runAsNonRoot=true',
        )})`,
      ];
    }
    return [];
  },
  // Running as non-root user
  ({ spec }, cs) => {
    const bad = [
      ...(obj(spec.securityContext).runAsUser === 0 ? ['pod'] : []),
      ...cs.filter(c => c.sc.runAsUser === 0).map(c => `"${c.name}"`),
    ];
    return bad.length
      ? [`runAsUser=0 (${bad.join(', ')} must not run as uid 0)`]
      : [];
  },
  // Seccomp (restricted: RuntimeDefault or Localhost, pod or every container)
  ({ spec }, cs) => {
    const ok = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
    const pod = obj(obj(spec.securityContext).seccompProfile).type;
    const bad = cs.filter(c => {
      const own = obj(c.sc.seccompProfile).type;
      return own === undefined ? !ok(pod) : !ok(own);
    });
    return bad.length
      ? [
          `seccompProfile (pod or ${plural(
            bad,
            'must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
          )})`,
        ]
      : [];
  },
  // Capabilities: drop ALL, add at most NET_BIND_SERVICE
  (_, cs) => {
    const out: string[] = [];
    const noDrop = cs.filter(c => {
      const drop = obj(c.sc.capabilities).drop;
      return !Array.isArray(drop) || !drop.map(String).includes('ALL');
    });
    if (noDrop.length) {
      out.push(
        `unrestricted capabilities (${plural(
          noDrop,
          'must set securityContext.capabilities.drop=["ALL"]',
        )})`,
      );
    }
    const added = cs.flatMap(c => {
      const add = obj(c.sc.capabilities).add;
      return (Array.isArray(add) ? add : [])
        .map(String)
        .filter(cap => cap !== 'NET_BIND_SERVICE')
        .map(cap => `"${c.name}": ${cap}`);
    });
    if (added.length) {
      out.push(
        `unrestricted capabilities (only NET_BIND_SERVICE may be added: ${added.join(
          ', ',
        )})`,
      );
    }
    return out;
  },
];

/**
 * The violations of a pod against a level, in the admission controller's
 * words. `privileged` allows everything; `restricted` includes `baseline`.
 */
export function podSecurityViolations(
  pod: PodTemplate,
  level: PodSecurityLevel,
): string[] {
  if (level === 'privileged') {
    return [];
  }
  const containers = containersOf(pod.spec);
  const controls =
    level === 'restricted' ? [...baseline, ...restricted] : baseline;
  return controls.flatMap(control => control(pod, containers));
}
