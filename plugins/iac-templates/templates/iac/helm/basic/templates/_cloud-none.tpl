{{/*
No cloud: External exposure is a plain LoadBalancer Service; Internal is
refused (see workload.validateValues), because only a cloud-specific
annotation keeps a load balancer private.
*/}}

{{- define "workload.cloud.none.serviceAnnotations" -}}
{{- end }}

{{- define "workload.cloud.none.ingressAnnotations" -}}
{{- end }}
