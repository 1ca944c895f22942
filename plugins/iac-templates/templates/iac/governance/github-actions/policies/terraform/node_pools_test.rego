# Unit tests of node_pools.rego (run: conftest verify --policy policies/terraform).
package terraform.node_pools_test

import data.terraform.node_pools
import rego.v1

limits := {"node_pool": {"min_size_floor": 1, "max_size_limit": 5}}

plan(type, after) := {"resource_changes": [{
	"address": sprintf("%s.this", [type]),
	"mode": "managed",
	"type": type,
	"change": {"actions": ["create"], "after": after, "after_unknown": {}},
}]}

eks(min, max, desired) := plan("aws_eks_node_group", {"scaling_config": [{"min_size": min, "max_size": max, "desired_size": desired}]})

test_eks_within_bounds_passes if {
	denied := node_pools.deny with input as eks(1, 5, 2) with data.iacforge as limits
	count(denied) == 0
}

test_eks_max_above_limit_is_denied if {
	denied := node_pools.deny with input as eks(1, 6, 2) with data.iacforge as limits
	count(denied) == 1
	some msg in denied
	contains(msg, "approved limit 5")
}

test_eks_min_below_floor_is_denied if {
	denied := node_pools.deny with input as eks(0, 3, 1) with data.iacforge as limits
	count(denied) == 1
}

test_eks_min_above_max_is_denied if {
	denied := node_pools.deny with input as eks(4, 3, 3) with data.iacforge as limits
	some msg in denied
	contains(msg, "greater than max size")
}

test_eks_desired_outside_bounds_is_denied if {
	denied := node_pools.deny with input as eks(1, 3, 4) with data.iacforge as limits
	count(denied) == 1
	some msg in denied
	contains(msg, "desired size 4")
}

test_unknown_sizes_are_not_judged if {
	denied := node_pools.deny with input as eks(null, null, null) with data.iacforge as limits
	count(denied) == 0
}

test_aks_default_node_pool_above_limit_is_denied if {
	input_plan := plan("azurerm_kubernetes_cluster", {"default_node_pool": [{"name": "system", "min_count": 1, "max_count": 9, "node_count": 2}]})
	denied := node_pools.deny with input as input_plan with data.iacforge as limits
	count(denied) == 1
	some msg in denied
	contains(msg, "azurerm_kubernetes_cluster.this.default_node_pool")
}

test_aks_fixed_size_pool_passes if {
	input_plan := plan("azurerm_kubernetes_cluster_node_pool", {"min_count": null, "max_count": null, "node_count": 3})
	denied := node_pools.deny with input as input_plan with data.iacforge as limits
	count(denied) == 0
}

test_gke_node_pool_bounds if {
	ok_plan := plan("google_container_node_pool", {"autoscaling": [{"min_node_count": 1, "max_node_count": 5}], "node_count": 2})
	count(node_pools.deny) == 0 with input as ok_plan with data.iacforge as limits
	bad_plan := plan("google_container_node_pool", {"autoscaling": [{"min_node_count": 1, "max_node_count": 50}], "node_count": 2})
	count(node_pools.deny) == 1 with input as bad_plan with data.iacforge as limits
}
