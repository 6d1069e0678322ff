#!/usr/bin/env bash
# Prints terraform's outputs as `sam deploy --parameter-overrides` arguments:
#   sam deploy --parameter-overrides $(terraform/sam-overrides.sh)
# Output names equal the SAM parameter names (sam-parameters.txt). Empty values (KmsKeyArn with
# S3-managed encryption) are left out: the SAM CLI rejects "Key=" and the template's default for
# them is the empty string. Reads `terraform output -json` from stdin when given "-" (for tests).
set -euo pipefail

if [[ "${1:-}" == "-" ]]; then
  json=$(cat)
else
  json=$(terraform -chdir="$(dirname "$0")" output -json)
fi

jq -r 'to_entries
       | map(select(.value.value != "" and .value.value != null))
       | map("\(.key)=\(.value.value)")
       | join(" ")' <<<"$json"
