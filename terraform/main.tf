# The long-lived, shared infrastructure of productflow. Compute (the four Lambda functions, the
# Step Functions state machines, the redrive schedule, alarms) lives in the SAM template, which
# receives what is made here through its parameters: see outputs.tf and sam-parameters.txt.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  # Bucket names are global: the account id and region make them unique without a random suffix.
  # aws_region's `name` (not 6.x's `region`) so that provider 5.x and 6.x both accept it.
  name             = "${var.name_prefix}-${var.environment}"
  bucket_suffix    = "${data.aws_caller_identity.current.account_id}-${data.aws_region.current.name}"
  parameter_prefix = "/${var.name_prefix}/${var.environment}"
}

module "kms" {
  source = "./modules/kms"

  enabled          = var.sse_mode == "kms"
  existing_key_arn = var.existing_kms_key_arn
  name             = local.name
  account_id       = data.aws_caller_identity.current.account_id
  partition        = data.aws_partition.current.partition
}

module "storage" {
  source = "./modules/storage"

  input_bucket_name               = "${local.name}-input-${local.bucket_suffix}"
  output_bucket_name              = "${local.name}-output-${local.bucket_suffix}"
  kms_key_arn                     = module.kms.key_arn
  output_bucket_versioning        = var.output_bucket_versioning
  noncurrent_version_days         = var.noncurrent_version_days
  abort_incomplete_multipart_days = var.abort_incomplete_multipart_days
  force_destroy                   = var.force_destroy_buckets
}

module "state" {
  source = "./modules/state"

  table_name          = "${local.name}-file-state"
  kms_key_arn         = module.kms.key_arn
  deletion_protection = var.state_table_deletion_protection
}

module "network" {
  source = "./modules/network"

  name                        = local.name
  create_vpc                  = var.create_vpc
  vpc_cidr                    = var.vpc_cidr
  az_count                    = var.az_count
  existing_vpc_id             = var.existing_vpc_id
  existing_private_subnet_ids = var.existing_private_subnet_ids
  existing_route_table_ids    = var.existing_route_table_ids
  create_vpc_endpoints        = var.create_vpc_endpoints
  database_port               = var.database_port
}

module "kafka" {
  source = "./modules/kafka"

  create_cluster             = var.create_msk_cluster
  cluster_name               = local.name
  subnet_ids                 = module.network.private_subnet_ids
  broker_security_group_id   = module.network.broker_security_group_id
  existing_bootstrap_servers = var.existing_kafka_bootstrap_servers
  existing_cluster_arn       = var.existing_msk_cluster_arn
}

module "config" {
  source = "./modules/config"

  parameter_prefix        = local.parameter_prefix
  secret_name             = "${var.name_prefix}/${var.environment}/db-credentials"
  kms_key_arn             = module.kms.key_arn
  secret_recovery_window  = var.secret_recovery_window_days
  kafka_topic             = var.kafka_topic
  kafka_bootstrap_servers = module.kafka.bootstrap_servers
  kafka_topic_partitions  = var.kafka_topic_partitions
  kafka_topic_config      = var.kafka_topic_config
  article_status          = var.article_status
  default_days_back       = var.default_days_back
  extra_settings          = var.extra_settings
}
