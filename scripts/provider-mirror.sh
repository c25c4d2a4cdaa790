#!/usr/bin/env bash
# Prints the directory of a local Terraform provider mirror that holds hashicorp/aws 5.100.0, in
# either layout `terraform init -plugin-dir` takes: unpacked (<dir>/registry.terraform.io/
# hashicorp/aws/5.100.0/<os_arch>/) or packed, as `terraform providers mirror <dir>` writes it
# (<dir>/registry.terraform.io/hashicorp/aws/terraform-provider-aws_5.100.0_<os_arch>.zip).
# $TF_PROVIDER_MIRROR wins when set; otherwise the file system is searched (on every run).
set -euo pipefail
version=5.100.0
aws=registry.terraform.io/hashicorp/aws
# Prints the first of the zip paths on stdin that really is a zip of some size, so a leftover
# empty or truncated file is never taken for a provider.
real_zip() {
  while read -r zip; do
    [ "$(head -c 2 "$zip")" = "PK" ] && [ "$(wc -c <"$zip")" -gt 1000000 ] && echo "$zip" && return 0
  done
  return 0
}
holds_aws() {
  [ -d "$1/$aws/$version" ] ||
    [ -n "$(compgen -G "$1/$aws/terraform-provider-aws_${version}_*.zip" | real_zip)" ]
}
if [ -n "${TF_PROVIDER_MIRROR:-}" ]; then
  if holds_aws "$TF_PROVIDER_MIRROR"; then
    echo "$TF_PROVIDER_MIRROR"
    exit 0
  fi
  echo "TF_PROVIDER_MIRROR=$TF_PROVIDER_MIRROR holds no hashicorp/aws $version: fill it with 'terraform providers mirror' (README \"Prerequisites\") or unset TF_PROVIDER_MIRROR to search for one." >&2
  exit 1
fi
# Unpacked binaries first, then packed archives.
search() {
  find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -name node_modules -o -name .git \) -prune \
    -o -type f "$@" -print 2>/dev/null || true
}
found=$(search -perm -u+x -name "terraform-provider-aws_v${version}_*" -path "*/$aws/$version/*" | head -n 1)
if [ -z "$found" ]; then
  found=$(search -name "terraform-provider-aws_${version}_*.zip" -path "*/$aws/*" | real_zip)
fi
if [ -z "$found" ]; then
  echo "No hashicorp/aws $version provider mirror found: make one with 'terraform providers mirror DIR' (README \"Prerequisites\") and set TF_PROVIDER_MIRROR=DIR." >&2
  exit 1
fi
# Cut the path at registry.terraform.io/: the mirror is the directory above it.
echo "${found%%/registry.terraform.io/*}"
