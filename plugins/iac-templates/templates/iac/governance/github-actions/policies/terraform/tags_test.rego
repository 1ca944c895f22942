# Unit tests of tags.rego (run: conftest verify --policy policies/terraform).
package terraform.tags_test

import data.terraform.tags
import rego.v1

settings := {"required_tags": ["project", "environment"]}

plan(type, after, after_unknown) := {"resource_changes": [{
	"address": sprintf("%s.this", [type]),
	"mode": "managed",
	"type": type,
	"change": {"actions": ["create"], "after": after, "after_unknown": after_unknown},
}]}

test_aws_default_tags_count if {
	denied := tags.deny with input as plan("aws_vpc", {"tags": null, "tags_all": {"Project": "platform", "Environment": "dev"}}, {}) with data.iacforge as settings
	count(denied) == 0
}

test_aws_missing_tag_is_denied if {
	denied := tags.deny with input as plan("aws_vpc", {"tags": {"project": "platform"}, "tags_all": {"project": "platform"}}, {}) with data.iacforge as settings
	count(denied) == 1
	some msg in denied
	contains(msg, "aws_vpc.this")
	contains(msg, "environment")
}

test_azure_null_tags_are_denied if {
	denied := tags.deny with input as plan("azurerm_resource_group", {"name": "rg", "tags": null}, {}) with data.iacforge as settings
	count(denied) == 1
}

test_google_terraform_labels_count if {
	denied := tags.deny with input as plan("google_container_cluster", {"resource_labels": {}, "terraform_labels": {"project": "p", "environment": "dev"}}, {}) with data.iacforge as settings
	count(denied) == 0
}

test_untaggable_resources_are_ignored if {
	denied := tags.deny with input as plan("aws_iam_role_policy_attachment", {"role": "r"}, {}) with data.iacforge as settings
	count(denied) == 0
}

test_unknown_tags_are_not_judged if {
	denied := tags.deny with input as plan("aws_vpc", {"tags": {}}, {"tags_all": true}) with data.iacforge as settings
	count(denied) == 0
}

test_required_keys_come_from_data if {
	denied := tags.deny with input as plan("aws_vpc", {"tags_all": {"project": "p", "environment": "dev"}}, {}) with data.iacforge as {"required_tags": ["project", "environment", "cost-center"]}
	count(denied) == 1
}
