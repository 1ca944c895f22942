{{/*
Names, labels and shared snippets. The "workload." prefix is the same in
every IaC Forge workload chart; the definitions only read the context they
are given, so two such charts can live in one umbrella chart.
*/}}

{{/* Chart name (app.kubernetes.io/name). */}}
{{- define "workload.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, or release-chart when it does not contain the chart name. */}}
{{- define "workload.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* fullname-suffix, kept within 63 characters: (dict "ctx" . "suffix" "metrics"). */}}
{{- define "workload.suffixedName" -}}
{{- $max := sub 62 (len .suffix) | int }}
{{- printf "%s-%s" (include "workload.fullname" .ctx | trunc $max | trimSuffix "-") .suffix }}
{{- end }}

{{/* name-version, as used by the helm.sh/chart label. */}}
{{- define "workload.chart" -}}
{{- include "workload.labelValue" (printf "%s-%s" .Chart.Name .Chart.Version) }}
{{- end }}

{{/* A string as a valid label value: "+" becomes "_", at most 63 characters, alphanumeric at both ends. */}}
{{- define "workload.labelValue" -}}
{{- regexReplaceAll "^[^A-Za-z0-9]+|[^A-Za-z0-9]+$" (. | replace "+" "_" | trunc 63) "" }}
{{- end }}

{{/* Standard labels, on every object. */}}
{{- define "workload.labels" -}}
helm.sh/chart: {{ include "workload.chart" . }}
{{ include "workload.selectorLabels" . }}
app.kubernetes.io/version: {{ include "workload.labelValue" .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels: name + instance. */}}
{{- define "workload.selectorLabels" -}}
app.kubernetes.io/name: {{ include "workload.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* ServiceAccount the pods run as. */}}
{{- define "workload.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "workload.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false: the existing ServiceAccount to run as" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference: repository:tag, plus @digest when set. */}}
{{- define "workload.image" -}}
{{- $image := printf "%s:%s" .Values.image.repository .Values.image.tag }}
{{- if .Values.image.digest }}
{{- $image = printf "%s@%s" $image .Values.image.digest }}
{{- end }}
{{- $image }}
{{- end }}

{{/* "true" when an autoscaler (HPA or KEDA) owns the replica count. */}}
{{- define "workload.autoscaling" -}}
{{- if or .Values.autoscaling.hpa.enabled .Values.autoscaling.keda.enabled }}true{{ end }}
{{- end }}

{{/* The most replicas the workload can run (for spreading decisions). */}}
{{- define "workload.maxReplicas" -}}
{{- if .Values.autoscaling.hpa.enabled }}{{ .Values.autoscaling.hpa.maxReplicas }}
{{- else if .Values.autoscaling.keda.enabled }}{{ .Values.autoscaling.keda.maxReplicas }}
{{- else }}{{ .Values.replicaCount }}
{{- end }}
{{- end }}

{{/* "true" when the app metrics port is its own container port ("metrics"). */}}
{{- define "workload.metricsPortSeparate" -}}
{{- if and .Values.metrics.enabled .Values.metrics.app.enabled (ne (int .Values.metrics.app.port) (int .Values.containerPort)) }}true{{ end }}
{{- end }}

{{/* Name of the container port serving app metrics. */}}
{{- define "workload.metricsPortName" -}}
{{- if include "workload.metricsPortSeparate" . }}metrics{{ else }}http{{ end }}
{{- end }}

{{/* Name of the container port probed. */}}
{{- define "workload.probePortName" -}}
{{- if and (eq .Values.probes.port "metrics") (include "workload.metricsPortSeparate" .) }}metrics{{ else }}http{{ end }}
{{- end }}

{{/*
runbook_url of an alert: (dict "ctx" . "alert" "PodScalingEvent").
alerts.runbookBaseUrl + "/" + alert name in lower case; without a base URL,
the alert's section of this chart's README (path relative to the repository).
*/}}
{{- define "workload.runbookUrl" -}}
{{- with .ctx.Values.alerts.runbookBaseUrl }}
{{- printf "%s/%s" (trimSuffix "/" .) (lower $.alert) }}
{{- else }}
{{- printf "charts/%s/README.md#alert-%s" .ctx.Chart.Name (lower .alert) }}
{{- end }}
{{- end }}

{{/*
A Secret created by the chart (*.auth.create=true): its value comes from the
install (--set-string <path>.token=... from a CI secret) or from an
ExternalSecret (secrets.source=externalSecret).
Install source, without a token:
- the Secret exists in the cluster: its current value is kept (upgrades);
- the release namespace exists but the Secret does not: the install fails
  with a `required` message naming the missing --set-string;
- no cluster to ask (helm lint / helm template) or a namespace that does not
  exist yet: the Secret is not rendered and NOTES.txt says so.
(dict "ctx" . "auth" .Values.logs.splunk.auth "path" "logs.splunk.auth" "ciSecret" "LOGS_SPLUNK_TOKEN")
*/}}
{{- define "workload.managedSecret" -}}
{{- $ctx := .ctx }}
{{- $auth := .auth }}
{{- if eq $ctx.Values.secrets.source "externalSecret" }}
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ $auth.secretName }}
  namespace: {{ $ctx.Release.Namespace | quote }}
  labels:
    {{- include "workload.labels" $ctx | nindent 4 }}
spec:
  refreshInterval: {{ $ctx.Values.secrets.externalSecret.refreshInterval | quote }}
  secretStoreRef:
    name: {{ required "secrets.externalSecret.secretStoreRef.name is required when secrets.source is externalSecret" $ctx.Values.secrets.externalSecret.secretStoreRef.name }}
    kind: {{ $ctx.Values.secrets.externalSecret.secretStoreRef.kind }}
  target:
    name: {{ $auth.secretName }}
    creationPolicy: Owner
  data:
    - secretKey: {{ $auth.secretKey | quote }}
      remoteRef:
        key: {{ default $auth.secretName $auth.remoteKey | quote }}
{{- else }}
{{- $value := "" }}
{{- if $auth.token }}
{{- $value = $auth.token | b64enc }}
{{- else }}
{{- $existing := lookup "v1" "Secret" $ctx.Release.Namespace $auth.secretName | default dict }}
{{- $value = dig "data" $auth.secretKey "" $existing }}
{{- if and (not $value) (include "workload.namespaceExists" $ctx) }}
{{- $value = required (printf "%s.token is required because %s.create is true: pass it at install time from a CI secret, e.g. --set-string %s.token=\"$%s\" (never commit it to values.yaml), or set secrets.source=externalSecret" .path .path .path .ciSecret) "" }}
{{- end }}
{{- end }}
{{- if $value }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ $auth.secretName }}
  namespace: {{ $ctx.Release.Namespace | quote }}
  labels:
    {{- include "workload.labels" $ctx | nindent 4 }}
type: Opaque
data:
  {{ $auth.secretKey | quote }}: {{ $value | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
"true" when the release namespace exists in the cluster Helm talks to
(its "default" ServiceAccount can be read). Empty for helm lint / helm
template, which have no cluster, and before the namespace is created.
*/}}
{{- define "workload.namespaceExists" -}}
{{- if lookup "v1" "ServiceAccount" .Release.Namespace "default" }}true{{ end }}
{{- end }}

{{/* Chart-created Secrets of the install source that have no value in this render (for NOTES.txt). */}}
{{- define "workload.pendingSecrets" -}}
{{- $pending := list }}
{{- if eq .Values.secrets.source "install" }}
{{- $candidates := list }}
{{- if and .Values.logs.enabled (eq .Values.logs.provider "grafana-cloud") }}
{{- $candidates = append $candidates (dict "auth" .Values.logs.grafanaCloud.auth "path" "logs.grafanaCloud.auth" "ci" "LOGS_GRAFANA_CLOUD_AUTH_TOKEN") }}
{{- end }}
{{- if and .Values.logs.enabled (eq .Values.logs.provider "splunk") }}
{{- $candidates = append $candidates (dict "auth" .Values.logs.splunk.auth "path" "logs.splunk.auth" "ci" "LOGS_SPLUNK_TOKEN") }}
{{- end }}
{{- if .Values.telemetry.enabled }}
{{- $candidates = append $candidates (dict "auth" .Values.telemetry.auth "path" "telemetry.auth" "ci" "TELEMETRY_AUTH_TOKEN") }}
{{- end }}
{{- range $candidates }}
{{- if and .auth.create (not .auth.token) (not (lookup "v1" "Secret" $.Release.Namespace .auth.secretName)) }}
{{- $pending = append $pending (printf "%s (--set-string %s.token=\"$%s\")" .auth.secretName .path .ci) }}
{{- end }}
{{- end }}
{{- end }}
{{- join "\n" $pending }}
{{- end }}

{{/* Fails with a clear message on combinations the schema cannot express. */}}
{{- define "workload.validateValues" -}}
{{- if and .Values.autoscaling.hpa.enabled .Values.autoscaling.keda.enabled }}
{{- fail "autoscaling.hpa.enabled and autoscaling.keda.enabled cannot both be true: KEDA manages its own HPA for the Deployment" }}
{{- end }}
{{- if and .Values.pdb.enabled (ne (toString .Values.pdb.minAvailable) "") (ne (toString .Values.pdb.maxUnavailable) "") }}
{{- fail "pdb.minAvailable and pdb.maxUnavailable are mutually exclusive: set one of them to \"\"" }}
{{- end }}
{{- if and .Values.throttling.enabled (not .Values.istio.enabled) }}
{{- fail "throttling.enabled requires istio.enabled: the rate limit is an EnvoyFilter on the Istio sidecar" }}
{{- end }}
{{- if and .Values.istio.enabled (not .Values.istio.cni) (has .Values.namespace.podSecurityLevel (list "restricted" "baseline")) }}
{{- fail (printf "namespace.podSecurityLevel %s rejects the Istio sidecar's istio-init container (root, NET_ADMIN, NET_RAW): set istio.cni=true (Istio CNI node agent installed) or namespace.podSecurityLevel to auto or privileged" .Values.namespace.podSecurityLevel) }}
{{- end }}
{{- if and (eq .Values.service.exposure "Internal") (eq .Values.cloud.provider "none") }}
{{- fail "service.exposure Internal needs cloud.provider (aws, azure or gcp): the internal load-balancer annotation is cloud-specific" }}
{{- end }}
{{- end }}

{{/* Pod template labels: standard labels plus mesh / identity opt-ins. */}}
{{- define "workload.podLabels" -}}
{{ include "workload.labels" . }}
{{- if .Values.istio.enabled }}
sidecar.istio.io/inject: "true"
{{- end }}
{{- if .Values.serviceAccount.azureClientId }}
azure.workload.identity/use: "true"
{{- end }}
{{- end }}

{{/* Pod template annotations: config checksums, metrics and log scraping. */}}
{{- define "workload.podAnnotations" -}}
{{- $annotations := dict }}
{{- if .Values.audit.enabled }}
{{- $_ := set $annotations "checksum/audit-policy" (include (print .Template.BasePath "/audit-policy-configmap.yaml") . | sha256sum) }}
{{- end }}
{{- if and .Values.metrics.enabled .Values.metrics.app.enabled }}
{{- $_ := set $annotations "prometheus.io/scrape" "true" }}
{{- $_ := set $annotations "prometheus.io/port" (toString .Values.metrics.app.port) }}
{{- $_ := set $annotations "prometheus.io/path" .Values.metrics.app.path }}
{{- end }}
{{- if .Values.logs.enabled }}
{{- $_ := set $annotations "k8s.grafana.com/logs.job" (printf "%s/%s" .Release.Namespace (include "workload.fullname" .)) }}
{{- if has .Values.logs.format (list "json" "logfmt") }}
{{- $_ := set $annotations "fluentbit.io/parser" .Values.logs.format }}
{{- end }}
{{- if eq .Values.logs.provider "splunk" }}
{{- with .Values.logs.splunk.index }}
{{- $_ := set $annotations "splunk.com/index" . }}
{{- end }}
{{- with .Values.logs.splunk.sourcetype }}
{{- $_ := set $annotations "splunk.com/sourcetype" . }}
{{- end }}
{{- end }}
{{- end }}
{{- if $annotations }}
{{- toYaml $annotations }}
{{- end }}
{{- end }}

{{/* Environment variables set by the chart (before env and envFromSecrets). */}}
{{- define "workload.env" -}}
{{- if .Values.logs.enabled }}
- name: LOG_FORMAT
  value: {{ .Values.logs.format | quote }}
- name: LOG_LEVEL
  value: {{ .Values.logs.level | quote }}
{{- if .Values.logs.provider }}
- name: LOGS_PROVIDER
  value: {{ .Values.logs.provider | quote }}
{{- end }}
{{- if eq .Values.logs.provider "grafana-cloud" }}
{{- with .Values.logs.grafanaCloud }}
- name: LOGS_GRAFANA_CLOUD_URL
  value: {{ .url | quote }}
{{- if .tenantId }}
- name: LOGS_GRAFANA_CLOUD_TENANT_ID
  value: {{ .tenantId | quote }}
{{- end }}
{{- if .user }}
- name: LOGS_GRAFANA_CLOUD_USER
  value: {{ .user | quote }}
{{- end }}
- name: LOGS_GRAFANA_CLOUD_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .auth.secretName }}
      key: {{ .auth.secretKey | quote }}
{{- end }}
{{- else if eq .Values.logs.provider "splunk" }}
{{- with .Values.logs.splunk }}
- name: LOGS_SPLUNK_HEC_URL
  value: {{ .hecUrl | quote }}
{{- if .index }}
- name: LOGS_SPLUNK_INDEX
  value: {{ .index | quote }}
{{- end }}
{{- if .source }}
- name: LOGS_SPLUNK_SOURCE
  value: {{ .source | quote }}
{{- end }}
{{- if .sourcetype }}
- name: LOGS_SPLUNK_SOURCETYPE
  value: {{ .sourcetype | quote }}
{{- end }}
- name: LOGS_SPLUNK_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .auth.secretName }}
      key: {{ .auth.secretKey | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.telemetry.enabled }}
{{- with .Values.telemetry }}
- name: OTEL_SERVICE_NAME
  value: {{ include "workload.fullname" $ | quote }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "service.version=%s,service.namespace=%s" $.Chart.AppVersion $.Release.Namespace | quote }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ .otlp.endpoint | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ .otlp.protocol | quote }}
{{- if .auth.secretName }}
- name: OTEL_EXPORTER_OTLP_AUTH
  valueFrom:
    secretKeyRef:
      name: {{ .auth.secretName }}
      key: {{ .auth.secretKey | quote }}
- name: OTEL_EXPORTER_OTLP_HEADERS
  value: {{ printf "%s=$(OTEL_EXPORTER_OTLP_AUTH)" .auth.headerName | quote }}
{{- end }}
- name: OTEL_METRICS_EXPORTER
  value: {{ ternary "otlp" "none" .signals.metrics | quote }}
- name: OTEL_TRACES_EXPORTER
  value: {{ ternary "otlp" "none" .signals.traces | quote }}
- name: OTEL_LOGS_EXPORTER
  value: {{ ternary "otlp" "none" .signals.logs | quote }}
{{- end }}
{{- end }}
{{- if .Values.audit.enabled }}
- name: AUDIT_ENABLED
  value: "true"
- name: AUDIT_MODE
  value: {{ .Values.audit.mode | quote }}
- name: AUDIT_POLICY_FILE
  value: /etc/platform/audit/policy.yaml
- name: AUDIT_POLICY_VERSION
  value: {{ .Values.audit.policyVersion | quote }}
- name: AUDIT_INCLUDE_REQUEST_BODY
  value: {{ .Values.audit.includeRequestBody | quote }}
{{- end }}
{{- end }}

{{/* One probe: (dict "ctx" . "path" "/healthz"). */}}
{{- define "workload.probeAction" -}}
{{- if eq .ctx.Values.probes.type "http" -}}
httpGet:
  path: {{ .path | quote }}
  port: {{ include "workload.probePortName" .ctx }}
{{- else -}}
tcpSocket:
  port: {{ include "workload.probePortName" .ctx }}
{{- end }}
{{- end }}

{{/*
The Pod Security level the release namespace enforces. namespace.podSecurityLevel
"auto": restricted, or privileged for Istio sidecars without Istio CNI (the
injected istio-init container runs as root with NET_ADMIN and NET_RAW, which
neither baseline nor restricted admits).
*/}}
{{- define "workload.podSecurityLevel" -}}
{{- $level := .Values.namespace.podSecurityLevel }}
{{- if eq $level "auto" }}
{{- if and .Values.istio.enabled (not .Values.istio.cni) }}privileged{{ else }}restricted{{ end }}
{{- else }}
{{- $level }}
{{- end }}
{{- end }}

{{/*
Label selector of this release's pods (matchLabels, matchExpressions). With
canary.enabled (a Flagger Canary targets the Deployment) it also matches the
<name>-primary pods Flagger copies the Deployment to (Flagger renames the
app.kubernetes.io/name selector label to <name>-primary and keeps the others).
*/}}
{{- define "workload.podSelector" -}}
{{- if .Values.canary.enabled -}}
matchLabels:
  app.kubernetes.io/instance: {{ .Release.Name }}
matchExpressions:
  - key: app.kubernetes.io/name
    operator: In
    values:
      - {{ include "workload.name" . }}
      - {{ printf "%s-primary" (include "workload.name" .) }}
{{- else -}}
matchLabels:
  {{- include "workload.selectorLabels" . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Selector of a Service that reaches every pod of the release (no set-based
selectors in a Service): name + instance, instance only with canary.enabled.
*/}}
{{- define "workload.servicePodLabels" -}}
{{- if .Values.canary.enabled -}}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- else }}
{{- include "workload.selectorLabels" . }}
{{- end }}
{{- end }}

{{/* "true" when GKE Managed Service for Prometheus collects the metrics (PodMonitoring / Rules instead of the Prometheus Operator kinds). */}}
{{- define "workload.managedPrometheus" -}}
{{- if (.Values.gke | default dict).managedPrometheus }}true{{ end }}
{{- end }}

{{/* Ingress classes of GKE's built-in controller: set by annotation, never by ingressClassName. */}}
{{- define "workload.gceIngressClass" -}}
{{- if has .Values.ingress.className (list "gce" "gce-internal") }}true{{ end }}
{{- end }}
