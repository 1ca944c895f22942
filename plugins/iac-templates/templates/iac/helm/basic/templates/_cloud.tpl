{{/*
Cloud-specific snippets, dispatched on cloud.provider. Each provider file
(_cloud-<provider>.tpl) defines, as YAML maps (possibly empty):
  workload.cloud.<provider>.serviceAnnotations   load balancer / NEG settings
  workload.cloud.<provider>.ingressAnnotations   controller settings
Trees that extend this chart replace a provider file (aks-basic: azure,
gke-basic: gcp) to add what their platform needs.
*/}}

{{- define "workload.cloud.serviceAnnotations" -}}
{{- include (printf "workload.cloud.%s.serviceAnnotations" .Values.cloud.provider) . }}
{{- end }}

{{- define "workload.cloud.ingressAnnotations" -}}
{{- include (printf "workload.cloud.%s.ingressAnnotations" .Values.cloud.provider) . }}
{{- end }}

{{/* Service annotations: cloud annotations, overridden by service.annotations. */}}
{{- define "workload.serviceAnnotations" -}}
{{- $cloud := include "workload.cloud.serviceAnnotations" . | fromYaml | default dict }}
{{- $annotations := merge (deepCopy .Values.service.annotations) $cloud }}
{{- if $annotations }}
{{- toYaml $annotations }}
{{- end }}
{{- end }}

{{/* Identity annotations of the ServiceAccount (only one cloud identity is set). */}}
{{- define "workload.serviceAccountAnnotations" -}}
{{- $annotations := deepCopy .Values.serviceAccount.annotations }}
{{- with .Values.serviceAccount.awsRoleArn }}
{{- $_ := set $annotations "eks.amazonaws.com/role-arn" . }}
{{- end }}
{{- with .Values.serviceAccount.azureClientId }}
{{- $_ := set $annotations "azure.workload.identity/client-id" . }}
{{- end }}
{{- with .Values.serviceAccount.gcpServiceAccount }}
{{- $_ := set $annotations "iam.gke.io/gcp-service-account" . }}
{{- end }}
{{- if $annotations }}
{{- toYaml $annotations }}
{{- end }}
{{- end }}
