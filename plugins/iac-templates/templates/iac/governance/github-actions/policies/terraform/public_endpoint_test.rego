# Unit tests of public_endpoint.rego (run: conftest verify --policy policies/terraform).
package terraform.public_endpoint_test

import data.terraform.public_endpoint
import rego.v1

private_only := {"public_endpoint": {"allowed": false, "allowed_cidrs": []}}

office_allowed := {"public_endpoint": {"allowed": true, "allowed_cidrs": ["203.0.113.0/24"]}}

plan(type, after) := {"resource_changes": [{
	"address": sprintf("%s.this", [type]),
	"mode": "managed",
	"type": type,
	"change": {"actions": ["create"], "after": after, "after_unknown": {}},
}]}

eks(public, cidrs) := plan("aws_eks_cluster", {"vpc_config": [{"endpoint_private_access": true, "endpoint_public_access": public, "public_access_cidrs": cidrs}]})

test_eks_private_endpoint_passes if {
	denied := public_endpoint.deny with input as eks(false, []) with data.iacforge as private_only
	count(denied) == 0
}

test_eks_public_endpoint_is_denied_when_not_allowed if {
	denied := public_endpoint.deny with input as eks(true, ["203.0.113.0/24"]) with data.iacforge as private_only
	count(denied) == 1
}

test_eks_public_endpoint_from_allowed_cidrs_passes if {
	denied := public_endpoint.deny with input as eks(true, ["203.0.113.0/25"]) with data.iacforge as office_allowed
	count(denied) == 0
}

test_eks_public_endpoint_open_to_the_internet_is_denied if {
	denied := public_endpoint.deny with input as eks(true, ["0.0.0.0/0"]) with data.iacforge as office_allowed
	count(denied) == 1
}

test_eks_public_endpoint_without_cidrs_defaults_to_internet if {
	input_plan := plan("aws_eks_cluster", {"vpc_config": [{"endpoint_public_access": true}]})
	denied := public_endpoint.deny with input as input_plan with data.iacforge as office_allowed
	count(denied) == 1
}

test_aks_private_cluster_passes if {
	denied := public_endpoint.deny with input as plan("azurerm_kubernetes_cluster", {"private_cluster_enabled": true}) with data.iacforge as private_only
	count(denied) == 0
}

test_aks_public_cluster_is_denied_when_not_allowed if {
	input_plan := plan("azurerm_kubernetes_cluster", {"private_cluster_enabled": false, "api_server_access_profile": [{"authorized_ip_ranges": ["203.0.113.0/24"]}]})
	denied := public_endpoint.deny with input as input_plan with data.iacforge as private_only
	count(denied) == 1
}

test_aks_public_cluster_with_authorized_ranges_passes if {
	input_plan := plan("azurerm_kubernetes_cluster", {"private_cluster_enabled": false, "api_server_access_profile": [{"authorized_ip_ranges": ["203.0.113.10/32"]}]})
	denied := public_endpoint.deny with input as input_plan with data.iacforge as office_allowed
	count(denied) == 0
}

test_aks_public_cluster_without_ranges_is_denied if {
	input_plan := plan("azurerm_kubernetes_cluster", {"private_cluster_enabled": false, "api_server_access_profile": []})
	denied := public_endpoint.deny with input as input_plan with data.iacforge as office_allowed
	count(denied) == 1
}

test_gke_private_endpoint_passes if {
	input_plan := plan("google_container_cluster", {"private_cluster_config": [{"enable_private_endpoint": true, "enable_private_nodes": true}]})
	denied := public_endpoint.deny with input as input_plan with data.iacforge as private_only
	count(denied) == 0
}

test_gke_public_endpoint_is_denied_when_not_allowed if {
	input_plan := plan("google_container_cluster", {"private_cluster_config": [{"enable_private_endpoint": false}]})
	denied := public_endpoint.deny with input as input_plan with data.iacforge as private_only
	count(denied) == 1
}

test_gke_public_endpoint_with_authorized_networks_passes if {
	input_plan := plan("google_container_cluster", {
		"private_cluster_config": [{"enable_private_endpoint": false}],
		"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": "203.0.113.0/24", "display_name": "office"}]}],
	})
	denied := public_endpoint.deny with input as input_plan with data.iacforge as office_allowed
	count(denied) == 0
}
