/*
 * Where pods come from: the pod template of every workload kind, and the
 * containers a mutating webhook adds at admission (Istio sidecar injection),
 * which Pod Security Admission sees and the manifests do not.
 */
import { isPlainObject } from '../../util';
import type { PodTemplate } from './standards';

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj {
  return isPlainObject(value) ? value : {};
}

/** Kinds whose `spec.template` is a pod template (apps, batch, Argo Rollouts). */
const TEMPLATE_KINDS = new Set([
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ReplicaSet',
  'batch/Job',
  '/ReplicationController',
  'argoproj.io/Rollout',
]);

/** A pod template with its labels, or undefined for non-workload objects. */
export function podTemplateOf(
  object: Obj,
): (PodTemplate & { labels: Obj }) | undefined {
  const apiVersion = String(object.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const key = `${group}/${String(object.kind)}`;
  let template: Obj | undefined;
  if (key === '/Pod') {
    template = object;
  } else if (TEMPLATE_KINDS.has(key)) {
    template = obj(obj(object.spec).template);
  } else if (key === 'batch/CronJob') {
    template = obj(obj(obj(obj(object.spec).jobTemplate).spec).template);
  }
  if (!template || !isPlainObject(template.spec)) {
    return undefined;
  }
  const metadata = obj(template.metadata);
  return {
    labels: obj(metadata.labels),
    annotations: obj(metadata.annotations),
    spec: template.spec,
  };
}

/** What the namespace tells about admission: its labels and annotations. */
export interface NamespaceInfo {
  labels: Obj;
  annotations: Obj;
}

/**
 * Annotation (on the Namespace) saying the Istio CNI node agent sets up the
 * traffic redirection, so injected pods get the unprivileged
 * `istio-validation` init container instead of `istio-init`.
 */
export const ISTIO_CNI_ANNOTATION = 'iacforge.io/istio-cni';

/** True when Istio's webhook injects its sidecar into this pod. */
export function istioInjected(
  pod: { labels: Obj; annotations: Obj },
  ns: NamespaceInfo,
): boolean {
  const nsInjection = ns.labels['istio-injection'];
  if (nsInjection === 'disabled') {
    return false;
  }
  const podLabel = pod.labels['sidecar.istio.io/inject'];
  if (podLabel !== undefined) {
    return String(podLabel) === 'true';
  }
  if (String(pod.annotations['sidecar.istio.io/inject']) === 'false') {
    return false;
  }
  return nsInjection === 'enabled' || ns.labels['istio.io/rev'] !== undefined;
}

/*
 * The containers Istio injects (istio/istio
 * manifests/charts/istio-control/istio-discovery/files/injection-template.yaml,
 * Istio 1.22-1.27): the sidecar runs as 1337 without capabilities; the
 * init container either programs iptables as root with NET_ADMIN and NET_RAW
 * (istio-init), or, with the Istio CNI node agent, only validates the
 * redirection as 1337 (istio-validation).
 */
const ISTIO_PROXY = {
  name: 'istio-proxy',
  securityContext: {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsGroup: 1337,
    runAsNonRoot: true,
    runAsUser: 1337,
    capabilities: { drop: ['ALL'] },
  },
};

const ISTIO_INIT = {
  name: 'istio-init',
  securityContext: {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: false,
    runAsGroup: 0,
    runAsNonRoot: false,
    runAsUser: 0,
    capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
  },
};

const ISTIO_VALIDATION = {
  name: 'istio-validation',
  securityContext: {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsGroup: 1337,
    runAsNonRoot: true,
    runAsUser: 1337,
    capabilities: { drop: ['ALL'] },
  },
};

/** The pod as admission sees it, after the webhooks known here ran. */
export function admittedPod(
  pod: PodTemplate & { labels: Obj },
  ns: NamespaceInfo,
): { pod: PodTemplate; injected: string[] } {
  if (!istioInjected(pod, ns)) {
    return { pod, injected: [] };
  }
  const cni = String(ns.annotations[ISTIO_CNI_ANNOTATION]) === 'true';
  const init = cni ? ISTIO_VALIDATION : ISTIO_INIT;
  const initContainers = Array.isArray(pod.spec.initContainers)
    ? pod.spec.initContainers
    : [];
  const containers = Array.isArray(pod.spec.containers)
    ? pod.spec.containers
    : [];
  return {
    pod: {
      annotations: pod.annotations,
      spec: {
        ...pod.spec,
        initContainers: [init, ...initContainers],
        containers: [...containers, ISTIO_PROXY],
      },
    },
    injected: [init.name, ISTIO_PROXY.name],
  };
}
