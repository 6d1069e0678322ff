# Pinned so that every `terraform init` on any machine resolves the same provider; commit the
# generated .terraform.lock.hcl after the first init. Terraform 1.9+ is needed for variable
# validations that refer to other variables.
terraform {
  required_version = ">= 1.9.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "6.15.0"
    }
  }
}
