# The region comes from var.aws_region, or (when null) from AWS_REGION / the profile, exactly like
# the SAM CLI. Nothing in this configuration names a region, an account or an ARN literally.
provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge(var.tags, {
      Project     = var.name_prefix
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}
