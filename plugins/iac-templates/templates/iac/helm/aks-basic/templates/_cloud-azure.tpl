{{/*
AKS: internal load balancer (optionally in a given subnet) and an HTTP
health probe on the readiness path for Azure load balancers. Replaces the
generic Azure snippet of the basic chart.
*/}}

{{- define "workload.cloud.azure.serviceAnnotations" -}}
{{- if ne .Values.service.exposure "ClusterIP" }}
{{- if eq .Values.service.exposure "Internal" }}
service.beta.kubernetes.io/azure-load-balancer-internal: "true"
{{- with .Values.aks.loadBalancer.internalSubnet }}
service.beta.kubernetes.io/azure-load-balancer-internal-subnet: {{ . | quote }}
{{- end }}
{{- end }}
{{- with .Values.aks.loadBalancer.healthProbeRequestPath }}
service.beta.kubernetes.io/azure-load-balancer-health-probe-protocol: http
service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}

{{- define "workload.cloud.azure.ingressAnnotations" -}}
{{- end }}
