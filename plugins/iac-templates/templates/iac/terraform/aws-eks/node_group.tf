# Managed node group in the private subnets: AL2023 AMI (arm64 for Graviton
# types), no CNI policy on the node role (vpc-cni has its own IRSA role in
# eks_addons.tf), IMDSv2 only with a hop limit of 1 (pods cannot reach the
# node's credentials), encrypted gp3 root volume, rolling updates bounded by
# node_pool_max_unavailable.

data "aws_iam_policy_document" "node_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "node" {
  name_prefix        = "${local.name_prefix}-node-"
  description        = "Nodes of ${var.cluster_name}"
  assume_role_policy = data.aws_iam_policy_document.node_assume_role.json
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset([
    "AmazonEKSWorkerNodePolicy",
    "AmazonEC2ContainerRegistryPullOnly",
    "AmazonSSMManagedInstanceCore",
  ])

  role       = aws_iam_role.node.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.value}"
}

resource "aws_launch_template" "node" {
  name_prefix            = "${local.name_prefix}-node-"
  description            = "Nodes of ${var.cluster_name}"
  update_default_version = true

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = var.node_pool_disk_size_gb
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = "${var.cluster_name}-default" })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(local.tags, { Name = "${var.cluster_name}-default" })
  }
}

resource "aws_eks_node_group" "default" {
  cluster_name           = aws_eks_cluster.this.name
  node_group_name_prefix = "default-"
  node_role_arn          = aws_iam_role.node.arn
  subnet_ids             = local.private_subnet_ids
  version                = var.kubernetes_version

  ami_type       = local.node_ami_type
  capacity_type  = var.node_pool_capacity_type
  instance_types = [var.node_pool_instance_type]

  scaling_config {
    min_size     = var.node_pool_min_size
    max_size     = var.node_pool_max_size
    desired_size = var.node_pool_desired_size
  }

  update_config {
    max_unavailable = var.node_pool_max_unavailable
  }

  launch_template {
    id      = aws_launch_template.node.id
    version = aws_launch_template.node.latest_version
  }

  # cluster-autoscaler auto-discovery tags (when cluster_autoscaling_enabled)
  tags = {
    for key, value in {
      "k8s.io/cluster-autoscaler/enabled"             = "true"
      "k8s.io/cluster-autoscaler/${var.cluster_name}" = "owned"
    } : key => value if var.cluster_autoscaling_enabled
  }

  lifecycle {
    create_before_destroy = true
    # the cluster autoscaler (or an operator) owns the current size
    ignore_changes = [scaling_config[0].desired_size]
  }

  # the CNI must exist before nodes can become Ready
  depends_on = [aws_iam_role_policy_attachment.node, aws_eks_addon.before_compute]
}
