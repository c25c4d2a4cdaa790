#!/usr/bin/env bash
# Debian packages the test suite runs on (as root, or skipped with a note when not root); a test
# whose packages are missing reports itself skipped, with the reason.
# - Debian 12's python3 with the libraries moto 5.2.3 (the AWS emulator of the end-to-end tests)
#   imports; moto itself is unpacked by the tests from ../shared/tools/ (or MOTO_SOURCE).
# - smtp-check's real-MTA tests (__tests__/smtp-check/postfix.test.ts): Postfix with Dovecot SASL,
#   and iproute2 for the network namespace one of them creates.
set -euo pipefail
packages=(
  python3-boto3 python3-botocore python3-werkzeug python3-flask python3-flask-cors
  python3-responses python3-xmltodict python3-cryptography python3-requests python3-yaml
  postfix dovecot-core iproute2
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test packages: all installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test packages missing (${missing[*]}); not root, so the end-to-end tests will report skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
