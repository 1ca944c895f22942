output "irsa_role_arns" {
  description = "IAM roles of the controllers' service accounts (IRSA), by controller."
  value       = { for name, role in aws_iam_role.irsa : name => role.arn }
}

output "karpenter_node_role_name" {
  description = "IAM role of the nodes Karpenter launches (null when Karpenter is not installed)."
  value       = one(aws_iam_role.karpenter_node[*].name)
}

output "karpenter_interruption_queue" {
  description = "SQS queue Karpenter reads interruption events from (null when Karpenter is not installed)."
  value       = one(aws_sqs_queue.karpenter[*].name)
}
