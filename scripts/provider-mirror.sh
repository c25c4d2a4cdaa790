#!/usr/bin/env bash
# Prints the directory of a local Terraform provider mirror that holds hashicorp/aws 5.100.0, in
# either layout `terraform init -plugin-dir` takes: unpacked (<dir>/registry.terraform.io/
# hashicorp/aws/5.100.0/<os_arch>/) or packed, as `terraform providers mirror <dir>` writes it
# (<dir>/registry.terraform.io/hashicorp/aws/terraform-provider-aws_5.100.0_<os_arch>.zip).
# $TF_PROVIDER_MIRROR wins when set; otherwise the file system is searched once.
set -euo pipefail
version=5.100.0
aws=registry.terraform.io/hashicorp/aws
holds_aws() {
  [ -d "$1/$aws/$version" ] || compgen -G "$1/$aws/terraform-provider-aws_${version}_*.zip" >/dev/null
}
if [ -n "${TF_PROVIDER_MIRROR:-}" ]; then
  if holds_aws "$TF_PROVIDER_MIRROR"; then
    echo "$TF_PROVIDER_MIRROR"
    exit 0
  fi
  echo "TF_PROVIDER_MIRROR=$TF_PROVIDER_MIRROR holds no hashicorp/aws $version: fill it with 'terraform providers mirror' (README \"Prerequisites\") or unset TF_PROVIDER_MIRROR to search for one." >&2
  exit 1
fi
found=$(find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -name node_modules -o -name .git \) -prune \
  -o -type f \( -name "terraform-provider-aws_v${version}_*" -path "*/$aws/$version/*" \
  -o -name "terraform-provider-aws_${version}_*.zip" -path "*/$aws/*" \) -print 2>/dev/null | head -n 1 || true)
if [ -z "$found" ]; then
  echo "No hashicorp/aws $version provider mirror found: make one with 'terraform providers mirror DIR' (README \"Prerequisites\") and set TF_PROVIDER_MIRROR=DIR." >&2
  exit 1
fi
# Cut the path at registry.terraform.io/: the mirror is the directory above it.
echo "${found%%/registry.terraform.io/*}"
