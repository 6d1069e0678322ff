# hashicorp/aws: any 5.x from 5.100.0 or any 6.x. terraform/check.sh validates, tests and plans with
# the 5.100.0 in the machine image's provider mirror; a deployer's `terraform init` picks the newest
# 6.x. The code uses only what both majors have (e.g. aws_region's `name`, deprecated in 6.x in
# favour of `region`, which 5.x lacks). Record the exact version a deployment uses in its own
# .terraform.lock.hcl, kept with its state (see README; the repository commits none).
# Terraform 1.9+ is needed for variable validations that refer to other variables.
terraform {
  required_version = ">= 1.9.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 7.0.0"
    }
  }
}
