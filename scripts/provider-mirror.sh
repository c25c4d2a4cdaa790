#!/usr/bin/env bash
# Prints the directory of a local Terraform provider mirror that holds hashicorp/aws 5.100.0
# (the layout `terraform init -plugin-dir` takes: <dir>/registry.terraform.io/hashicorp/aws/...).
# $TF_PROVIDER_MIRROR wins when set; otherwise the file system is searched once.
set -euo pipefail
version=5.100.0
if [ -n "${TF_PROVIDER_MIRROR:-}" ]; then
  if [ -d "$TF_PROVIDER_MIRROR/registry.terraform.io/hashicorp/aws/$version" ]; then
    echo "$TF_PROVIDER_MIRROR"
    exit 0
  fi
  echo "TF_PROVIDER_MIRROR=$TF_PROVIDER_MIRROR has no registry.terraform.io/hashicorp/aws/$version inside: fill it with 'terraform providers mirror' (README \"Prerequisites\") or unset TF_PROVIDER_MIRROR to search for one." >&2
  exit 1
fi
binary=$(find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -name node_modules -o -name .git \) -prune \
  -o -type f -name "terraform-provider-aws_v${version}_*" -path "*/registry.terraform.io/hashicorp/aws/$version/*" -print 2>/dev/null | head -n 1 || true)
if [ -z "$binary" ]; then
  echo "No hashicorp/aws $version provider mirror found: make one with 'terraform providers mirror DIR' (README \"Prerequisites\") and set TF_PROVIDER_MIRROR=DIR." >&2
  exit 1
fi
# <mirror>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/<binary>
dirname "$(dirname "$(dirname "$(dirname "$(dirname "$(dirname "$binary")")")")")"
