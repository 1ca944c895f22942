{{/*
Google Cloud (GKE): Internal exposure creates an internal passthrough
Network Load Balancer. Identity: GKE Workload Identity
(serviceAccount.gcpServiceAccount). The gke-basic chart extends this with
container-native load balancing and BackendConfig.
*/}}

{{- define "workload.cloud.gcp.serviceAnnotations" -}}
{{- if eq .Values.service.exposure "Internal" }}
networking.gke.io/load-balancer-type: "Internal"
{{- end }}
{{- end }}

{{- define "workload.cloud.gcp.ingressAnnotations" -}}
{{- end }}
