#!/usr/bin/env bash
# terraform/ checked by terraform itself, offline: fmt -check, init from a local provider mirror,
# validate, `terraform test` (tests/*.tftest.hcl, mocked provider) and, with --moto, a plan against
# moto's server on 127.0.0.1 (an independent implementation of the AWS APIs; no account needed).
#
#   terraform/check.sh [--moto] [--validate-only] [DIR]     (DIR defaults to this script's directory)
#
# Works on a copy of DIR in a temp dir, so no .terraform/, lock file or state is left behind.
# Without terraform or a provider mirror it prints a WARNING and exits 0 (a bare machine is not a
# failure); a finding exits 1, bad usage 2.
#
# The mirror is a directory holding registry.terraform.io/hashicorp/aws/<version>/<platform>/:
# $TF_PROVIDER_MIRROR, else /opt/tf-plugins (the machine image's, hashicorp/aws 5.100.0).
set -euo pipefail
trap 'exit 1' ERR  # any failing step is a finding: exit 1, whatever code terraform used

moto=false
validate_only=false
dir=""
for arg in "$@"; do
    case "$arg" in
        --moto) moto=true ;;
        --validate-only) validate_only=true ;;
        -*) echo "usage: $0 [--moto] [--validate-only] [DIR]" >&2; exit 2 ;;
        *) dir="$arg" ;;
    esac
done
dir="${dir:-$(cd "$(dirname "$0")" && pwd)}"
[ -d "$dir" ] || { echo "check.sh: no such directory: $dir" >&2; exit 2; }

mirror="${TF_PROVIDER_MIRROR:-/opt/tf-plugins}"
if ! command -v terraform >/dev/null 2>&1; then
    echo "WARNING: terraform is not installed; terraform/ was NOT validated, tested or planned" >&2
    exit 0
fi
if ! compgen -G "$mirror/registry.terraform.io/hashicorp/aws/*/*" >/dev/null; then
    echo "WARNING: no hashicorp/aws provider in the mirror $mirror (set TF_PROVIDER_MIRROR);" \
         "terraform/ was NOT validated, tested or planned" >&2
    exit 0
fi

export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
# A TF_CLI_CONFIG_FILE naming a missing file only makes terraform warn; the mirror is passed explicitly.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
    unset TF_CLI_CONFIG_FILE
fi

work="$(mktemp -d)"
moto_pid=""
cleanup() {
    if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
# The configuration only: no caches, state, plans, lock files or tfvars of a previous run.
tar -C "$dir" -cf - --exclude=.terraform --exclude='.terraform.lock.hcl' --exclude='*.tfstate*' \
    --exclude='*.tfplan' --exclude='terraform.tfvars' . | tar -C "$work" -xf -
cd "$work"

step() { echo "== terraform $*"; }

step fmt -check -recursive
terraform fmt -check -recursive -diff -no-color
step init -backend=false -plugin-dir="$mirror"
init_log="$(mktemp)"
if ! terraform init -backend=false -input=false -no-color -plugin-dir="$mirror" >"$init_log" 2>&1; then
    cat "$init_log" >&2; rm -f "$init_log"; exit 1
fi
grep -E '^- Installed' "$init_log" || true
rm -f "$init_log"
step validate
terraform validate -no-color
if $validate_only; then
    exit 0
fi

if compgen -G "tests/*.tftest.hcl" >/dev/null; then
    step test
    terraform test -no-color
else
    echo "WARNING: no tests/*.tftest.hcl in $dir; terraform test did not run" >&2
fi

$moto || exit 0
if ! python3 -c 'import moto.server' 2>/dev/null; then
    echo "WARNING: moto is not installed (pip install 'moto[server]'); terraform plan against moto did NOT run" >&2
    exit 0
fi
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
endpoint="http://127.0.0.1:$port"
python3 -m moto.server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 100); do
    curl -fs -o /dev/null "$endpoint/moto-api/" && break
    kill -0 "$moto_pid" 2>/dev/null || { cat "$work/moto.log" >&2; exit 1; }
    sleep 0.1
done
# An override file (merged into the provider block) points every service the configuration uses
# at moto, with moto's test credentials. It exists only in the temp copy.
cat >moto_override.tf <<EOF
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true

  endpoints {
    dynamodb       = "$endpoint"
    ec2            = "$endpoint"
    iam            = "$endpoint"
    kafka          = "$endpoint"
    kms            = "$endpoint"
    s3             = "$endpoint"
    secretsmanager = "$endpoint"
    ssm            = "$endpoint"
    sts            = "$endpoint"
  }
}
EOF
step plan against moto at "$endpoint"
terraform plan -input=false -no-color -out=moto.tfplan >plan.txt 2>&1 || { cat plan.txt >&2; exit 1; }
grep -E '^(Plan:|No changes)' plan.txt
