{{/*
GKE: internal passthrough NLB, container-native load balancing (NEG) and the
BackendConfig / FrontendConfig of this chart. Replaces the generic Google
Cloud snippet of the basic chart.
*/}}

{{- define "workload.cloud.gcp.serviceAnnotations" -}}
{{- if eq .Values.service.exposure "Internal" }}
networking.gke.io/load-balancer-type: "Internal"
{{- end }}
{{- if .Values.gke.neg.enabled }}
cloud.google.com/neg: {{ dict "ingress" true | toJson | quote }}
{{- end }}
{{- if .Values.gke.backendConfig.enabled }}
cloud.google.com/backend-config: {{ dict "default" (include "workload.fullname" .) | toJson | quote }}
{{- end }}
{{- end }}

{{- define "workload.cloud.gcp.ingressAnnotations" -}}
{{- if include "workload.gke.frontendConfig" . }}
networking.gke.io/v1beta1.FrontendConfig: {{ include "workload.fullname" . | quote }}
{{- end }}
{{- end }}

{{/* "true" when the FrontendConfig (HTTPS redirect) is rendered. */}}
{{- define "workload.gke.frontendConfig" -}}
{{- if and .Values.gke.frontendConfig.httpsRedirect .Values.ingress.enabled .Values.ingress.tls.enabled }}true{{ end }}
{{- end }}
