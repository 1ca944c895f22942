# Unit tests of encryption.rego (run: conftest verify --policy policies/terraform).
package terraform.encryption_test

import data.terraform.encryption
import rego.v1

required := {"encryption": {"require_eks_secrets_encryption": true}}

not_required := {"encryption": {"require_eks_secrets_encryption": false}}

plan(type, after) := {"resource_changes": [{
	"address": sprintf("%s.this", [type]),
	"mode": "managed",
	"type": type,
	"change": {"actions": ["create"], "after": after, "after_unknown": {}},
}]}

test_eks_with_secrets_encryption_passes if {
	input_plan := plan("aws_eks_cluster", {"encryption_config": [{"provider": [{}], "resources": ["secrets"]}]})
	denied := encryption.deny with input as input_plan with data.iacforge as required
	count(denied) == 0
}

test_eks_without_secrets_encryption_is_denied if {
	denied := encryption.deny with input as plan("aws_eks_cluster", {"encryption_config": []}) with data.iacforge as required
	count(denied) == 1
}

test_eks_secrets_encryption_can_be_waived if {
	denied := encryption.deny with input as plan("aws_eks_cluster", {"encryption_config": []}) with data.iacforge as not_required
	count(denied) == 0
}

test_kms_key_without_rotation_is_denied if {
	denied := encryption.deny with input as plan("aws_kms_key", {"enable_key_rotation": false}) with data.iacforge as required
	count(denied) == 1
}

test_kms_key_with_rotation_passes if {
	denied := encryption.deny with input as plan("aws_kms_key", {"enable_key_rotation": true}) with data.iacforge as required
	count(denied) == 0
}

test_unencrypted_ebs_volume_is_denied if {
	denied := encryption.deny with input as plan("aws_ebs_volume", {"encrypted": false}) with data.iacforge as required
	count(denied) == 1
}

test_storage_account_without_https_only_is_denied if {
	denied := encryption.deny with input as plan("azurerm_storage_account", {"https_traffic_only_enabled": false, "min_tls_version": "TLS1_2"}) with data.iacforge as required
	count(denied) == 1
}

test_storage_account_with_old_tls_is_denied if {
	denied := encryption.deny with input as plan("azurerm_storage_account", {"https_traffic_only_enabled": true, "min_tls_version": "TLS1_0"}) with data.iacforge as required
	count(denied) == 1
}

test_storage_account_with_https_and_tls12_passes if {
	denied := encryption.deny with input as plan("azurerm_storage_account", {"https_traffic_only_enabled": true, "min_tls_version": "TLS1_2"}) with data.iacforge as required
	count(denied) == 0
}

test_gke_without_application_layer_encryption_warns if {
	warned := encryption.warn with input as plan("google_container_cluster", {"database_encryption": [{"state": "DECRYPTED"}]}) with data.iacforge as required
	count(warned) == 1
}

test_gke_with_application_layer_encryption_passes if {
	warned := encryption.warn with input as plan("google_container_cluster", {"database_encryption": [{"state": "ENCRYPTED", "key_name": "k"}]}) with data.iacforge as required
	count(warned) == 0
}
