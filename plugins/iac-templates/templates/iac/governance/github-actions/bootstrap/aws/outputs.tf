output "plan_role_arn" {
  description = "Set as the repository variable AWS_ROLE_ARN."
  value       = aws_iam_role.github["plan"].arn
}

output "apply_role_arn" {
  description = "Set as the variable AWS_ROLE_ARN of the apply environment."
  value       = aws_iam_role.github["apply"].arn
}

output "state_bucket" {
  description = "The state bucket of terraform/backend.hcl."
  value       = aws_s3_bucket.state.bucket
}
