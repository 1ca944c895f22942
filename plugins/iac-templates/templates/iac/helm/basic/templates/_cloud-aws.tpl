{{/*
AWS (EKS): Services of type LoadBalancer are provisioned as NLBs by the AWS
Load Balancer Controller (IP targets); Internal gets an internal scheme.
Ingresses of class "alb" route to pod IPs. Identity: IRSA (serviceAccount.awsRoleArn).
*/}}

{{- define "workload.cloud.aws.serviceAnnotations" -}}
{{- if ne .Values.service.exposure "ClusterIP" }}
service.beta.kubernetes.io/aws-load-balancer-type: external
service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip
service.beta.kubernetes.io/aws-load-balancer-scheme: {{ ternary "internal" "internet-facing" (eq .Values.service.exposure "Internal") }}
{{- end }}
{{- end }}

{{- define "workload.cloud.aws.ingressAnnotations" -}}
{{- if eq .Values.ingress.className "alb" }}
alb.ingress.kubernetes.io/target-type: ip
{{- end }}
{{- end }}
