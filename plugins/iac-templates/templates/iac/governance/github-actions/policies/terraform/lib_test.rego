# Unit tests of lib.rego (run: conftest verify --policy policies/terraform).
package terraform.lib_test

import data.terraform.lib
import rego.v1

rc(actions) := {"address": "aws_vpc.this", "mode": "managed", "type": "aws_vpc", "change": {"actions": actions, "after": {}, "after_unknown": {}}}

test_changed_resources_are_creates_and_updates if {
	plan := {"resource_changes": [
		rc(["create"]), rc(["update"]), rc(["no-op"]), rc(["delete"]), rc(["delete", "create"]),
		object.union(rc(["create"]), {"mode": "data"}),
	]}
	count(lib.changed_resources) == 3 with input as plan
}

test_deleted_resources_include_replacements if {
	plan := {"resource_changes": [rc(["delete"]), rc(["create", "delete"]), rc(["update"])]}
	count(lib.deleted_resources) == 2 with input as plan
}

test_tag_attribute_prefers_tags_all if {
	lib.tag_attribute({"tags": {}, "tags_all": {}}) == "tags_all"
	lib.tag_attribute({"labels": {}, "terraform_labels": {}}) == "terraform_labels"
	lib.tag_attribute({"resource_labels": null}) == "resource_labels"
	not lib.tag_attribute({"name": "x"})
}

test_unknown_values if {
	lib.unknown({"change": {"after_unknown": {"tags_all": true}}}, "tags_all")
	lib.unknown({"change": {"after_unknown": {"tags_all": {"a": true}}}}, "tags_all")
	not lib.unknown({"change": {"after_unknown": {"tags_all": {}}}}, "tags_all")
	not lib.unknown({"change": {"after_unknown": {}}}, "tags_all")
}

test_config_merges_data_over_defaults if {
	settings := lib.config with data.iacforge as {"node_pool": {"max_size_limit": 4}}
	settings.node_pool.max_size_limit == 4
	settings.node_pool.min_size_floor == 1
	settings.required_tags == ["project", "environment", "managed-by"]
}

test_cidr_allowed if {
	lib.cidr_allowed("203.0.113.0/26", ["203.0.113.0/24"])
	not lib.cidr_allowed("198.51.100.0/24", ["203.0.113.0/24"])
}
