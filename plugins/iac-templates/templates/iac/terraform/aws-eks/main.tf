data "aws_partition" "current" {}

data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  # Tags on every resource (provider default_tags); ours win over var.tags.
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
    managed-by  = "terraform"
  })

  # IAM name prefixes are limited to 38 characters.
  name_prefix = substr(var.cluster_name, 0, 20)

  create_vpc         = var.existing_vpc_id == null
  vpc_id             = local.create_vpc ? aws_vpc.this[0].id : var.existing_vpc_id
  private_subnet_ids = local.create_vpc ? aws_subnet.private[*].id : var.existing_private_subnet_ids
  azs                = slice(data.aws_availability_zones.available.names, 0, min(length(var.private_subnet_cidrs), length(data.aws_availability_zones.available.names)))

  # Graviton instance families (m7g, c7gn, r8g, t4g ...) need an arm64 AMI.
  node_ami_type = can(regex("^[a-z]+[0-9]+[a-z]*g[a-z]*\\.", var.node_pool_instance_type)) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD"
}
