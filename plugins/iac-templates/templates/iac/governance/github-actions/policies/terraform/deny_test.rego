# Unit tests of deny.rego (run: conftest verify --policy policies/terraform).
package terraform.deny_test

import data.terraform.deny
import rego.v1

settings := {"allow_destroy": false, "protected_resource_types": ["aws_eks_cluster", "google_container_cluster"]}

change(type, actions, after) := {
	"address": sprintf("%s.this", [type]),
	"mode": "managed",
	"type": type,
	"change": {"actions": actions, "after": after, "after_unknown": {}},
}

plan(type, after) := {"resource_changes": [change(type, ["create"], after)]}

# 1. protected destroy

test_destroying_a_cluster_is_denied if {
	input_plan := {"resource_changes": [change("aws_eks_cluster", ["delete"], null)]}
	denied := deny.deny with input as input_plan with data.iacforge as settings
	count(denied) == 1
}

test_replacing_a_cluster_is_denied if {
	input_plan := {"resource_changes": [change("google_container_cluster", ["delete", "create"], {})]}
	denied := deny.deny with input as input_plan with data.iacforge as settings
	some msg in denied
	contains(msg, "delete + create")
}

test_destroy_can_be_allowed if {
	input_plan := {"resource_changes": [change("aws_eks_cluster", ["delete"], null)]}
	denied := deny.deny with input as input_plan with data.iacforge as object.union(settings, {"allow_destroy": true})
	count(denied) == 0
}

test_destroying_other_resources_passes if {
	input_plan := {"resource_changes": [change("aws_iam_role_policy_attachment", ["delete"], null)]}
	denied := deny.deny with input as input_plan with data.iacforge as settings
	count(denied) == 0
}

# 2. IAM wildcard

test_admin_wildcard_policy_is_denied if {
	document := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
	denied := deny.deny with input as plan("aws_iam_policy", {"policy": document}) with data.iacforge as settings
	count(denied) == 1
}

test_scoped_policy_passes if {
	document := json.marshal({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}})
	denied := deny.deny with input as plan("aws_iam_role_policy", {"policy": document}) with data.iacforge as settings
	count(denied) == 0
}

test_admin_wildcard_in_user_and_group_policies_is_denied if {
	document := json.marshal({"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]})
	denied_user := deny.deny with input as plan("aws_iam_user_policy", {"policy": document}) with data.iacforge as settings
	count(denied_user) == 1
	denied_group := deny.deny with input as plan("aws_iam_group_policy", {"policy": document}) with data.iacforge as settings
	count(denied_group) == 1
}

# 3. owner-level grants

test_azure_owner_assignment_is_denied if {
	denied := deny.deny with input as plan("azurerm_role_assignment", {"role_definition_name": "Owner"}) with data.iacforge as settings
	count(denied) == 1
}

test_gcp_basic_editor_role_is_denied if {
	denied := deny.deny with input as plan("google_project_iam_member", {"role": "roles/editor", "member": "serviceAccount:x"}) with data.iacforge as settings
	count(denied) == 1
}

test_gcp_basic_owner_binding_is_denied if {
	denied := deny.deny with input as plan("google_project_iam_binding", {"role": "roles/owner", "members": ["user:x@example.com"]}) with data.iacforge as settings
	count(denied) == 1
}

test_gcp_predefined_role_passes if {
	denied := deny.deny with input as plan("google_project_iam_member", {"role": "roles/container.developer"}) with data.iacforge as settings
	count(denied) == 0
}

# 4. SSH / RDP from the internet

test_aws_security_group_with_open_ssh_is_denied if {
	after := {"ingress": [{"cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [], "from_port": 22, "to_port": 22, "protocol": "tcp"}]}
	denied := deny.deny with input as plan("aws_security_group", after) with data.iacforge as settings
	count(denied) == 1
}

test_aws_security_group_with_open_https_passes if {
	after := {"ingress": [{"cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [], "from_port": 443, "to_port": 443, "protocol": "tcp"}]}
	denied := deny.deny with input as plan("aws_security_group", after) with data.iacforge as settings
	count(denied) == 0
}

test_aws_rule_opening_all_traffic_is_denied if {
	after := {"type": "ingress", "cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "to_port": 0, "protocol": "-1"}
	denied := deny.deny with input as plan("aws_security_group_rule", after) with data.iacforge as settings
	count(denied) == 2
}

test_aws_vpc_ingress_rule_with_open_rdp_is_denied if {
	after := {"cidr_ipv4": "0.0.0.0/0", "from_port": 3389, "to_port": 3389, "ip_protocol": "tcp"}
	denied := deny.deny with input as plan("aws_vpc_security_group_ingress_rule", after) with data.iacforge as settings
	count(denied) == 1
}

test_azure_nsg_rule_with_open_ssh_is_denied if {
	after := {"direction": "Inbound", "access": "Allow", "source_address_prefix": "Internet", "destination_port_range": "20-25"}
	denied := deny.deny with input as plan("azurerm_network_security_rule", after) with data.iacforge as settings
	count(denied) == 1
}

test_azure_nsg_rule_from_a_private_range_passes if {
	after := {"direction": "Inbound", "access": "Allow", "source_address_prefix": "10.0.0.0/8", "destination_port_range": "22"}
	denied := deny.deny with input as plan("azurerm_network_security_rule", after) with data.iacforge as settings
	count(denied) == 0
}

test_gcp_firewall_with_open_ssh_is_denied if {
	after := {"direction": "INGRESS", "source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["22"]}]}
	denied := deny.deny with input as plan("google_compute_firewall", after) with data.iacforge as settings
	count(denied) == 1
}

test_gcp_firewall_with_open_https_passes if {
	after := {"direction": "INGRESS", "source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["443"]}]}
	denied := deny.deny with input as plan("google_compute_firewall", after) with data.iacforge as settings
	count(denied) == 0
}
