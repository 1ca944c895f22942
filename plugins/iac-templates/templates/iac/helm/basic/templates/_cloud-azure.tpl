{{/*
Azure (AKS): Internal exposure puts the Service on an internal Azure load
balancer. Identity: Azure Workload Identity (serviceAccount.azureClientId;
the pod label is set in the Deployment). The aks-basic chart extends this.
*/}}

{{- define "workload.cloud.azure.serviceAnnotations" -}}
{{- if eq .Values.service.exposure "Internal" }}
service.beta.kubernetes.io/azure-load-balancer-internal: "true"
{{- end }}
{{- end }}

{{- define "workload.cloud.azure.ingressAnnotations" -}}
{{- end }}
