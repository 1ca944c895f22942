resource "aws_s3_bucket" "state" {
  bucket = "${var.project}-${var.environment}"
  tags   = { for k, v in var.tags : k => "%{if v != ""}${v}%{else}none%{endif}" }
}
