# `terraform test` with a mocked AWS provider: no credentials, no network, nothing created. It runs
# this configuration's own logic (names, the kms/network/cluster switches, the input validations)
# under the provider's real schema. Run by terraform/check.sh (and so by .ci/run).

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "111122223333" }
  }
  mock_data "aws_region" {
    # `name` exists in 5.x and (deprecated) in 6.x; main.tf reads it.
    defaults = { name = "eu-west-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_availability_zones" {
    defaults = { names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }
  }
  mock_data "aws_vpc" {
    defaults = { cidr_block = "10.9.0.0/16" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
  # The provider validates ARNs it is given even when mocked: a created key needs a well-formed one.
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:eu-west-1:111122223333:key/00000000-0000-0000-0000-000000000000" }
  }
}

run "defaults_name_everything_after_prefix_environment_account_and_region" {
  assert {
    condition     = output.InputBucketName == "productflow-prod-input-111122223333-eu-west-1"
    error_message = "input bucket name: ${output.InputBucketName}"
  }
  assert {
    condition     = output.OutputBucketName == "productflow-prod-output-111122223333-eu-west-1"
    error_message = "output bucket name: ${output.OutputBucketName}"
  }
  assert {
    condition     = output.StateTableName == "productflow-prod-file-state"
    error_message = "state table name: ${output.StateTableName}"
  }
  assert {
    condition     = output.ParameterPrefix == "/productflow/prod"
    error_message = "parameter prefix: ${output.ParameterPrefix}"
  }
  assert {
    condition     = output.KmsKeyArn == "" && output.KafkaTopic == "product-updates"
    error_message = "S3-managed encryption must leave KmsKeyArn empty; the topic defaults to product-updates"
  }
  assert {
    condition     = length(split(",", output.PrivateSubnetIds)) == 2
    error_message = "a created VPC has one private subnet per AZ (az_count = 2): ${output.PrivateSubnetIds}"
  }
  assert {
    condition = toset(module.config.parameter_names) == toset([
      "/productflow/prod/KAFKA_TOPIC", "/productflow/prod/KAFKA_BOOTSTRAP_SERVERS",
      "/productflow/prod/KAFKA_TOPIC_PARTITIONS", "/productflow/prod/KAFKA_TOPIC_CONFIG",
      "/productflow/prod/ARTICLE_STATUS", "/productflow/prod/DEFAULT_DAYS_BACK",
    ])
    error_message = "settings in Parameter Store: ${jsonencode(module.config.parameter_names)}"
  }
}

run "kms_mode_creates_a_key_and_passes_it_on" {
  variables {
    sse_mode    = "kms"
    name_prefix = "shop"
    environment = "dev"
  }
  assert {
    condition     = output.KmsKeyArn != ""
    error_message = "sse_mode = kms must create a key and output its ARN"
  }
  assert {
    condition     = output.InputBucketName == "shop-dev-input-111122223333-eu-west-1"
    error_message = "input bucket name: ${output.InputBucketName}"
  }
}

run "an_existing_key_network_and_cluster_are_passed_through" {
  variables {
    sse_mode                         = "kms"
    existing_kms_key_arn             = "arn:aws:kms:eu-west-1:111122223333:key/01234567-89ab-cdef-0123-456789abcdef"
    create_vpc                       = false
    existing_vpc_id                  = "vpc-0123456789abcdef0"
    existing_private_subnet_ids      = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    existing_route_table_ids         = ["rtb-0123456789abcdef0"]
    create_msk_cluster               = false
    existing_kafka_bootstrap_servers = "boot-1.example.internal:9098,boot-2.example.internal:9098"
    existing_msk_cluster_arn         = "arn:aws:kafka:eu-west-1:111122223333:cluster/shared/0123"
    extra_settings                   = { OUTPUT_PREFIX = "xml/" }
  }
  assert {
    condition     = output.KmsKeyArn == var.existing_kms_key_arn
    error_message = "an existing key is used as given: ${output.KmsKeyArn}"
  }
  assert {
    condition     = output.PrivateSubnetIds == "subnet-0123456789abcdef0,subnet-0fedcba9876543210"
    error_message = "existing subnets are passed through: ${output.PrivateSubnetIds}"
  }
  assert {
    condition     = output.KafkaBootstrapServers == var.existing_kafka_bootstrap_servers && output.MskClusterArn == var.existing_msk_cluster_arn
    error_message = "an existing cluster is passed through"
  }
  assert {
    condition     = contains(module.config.parameter_names, "/productflow/prod/OUTPUT_PREFIX")
    error_message = "extra_settings become parameters under the prefix"
  }
}

run "an_existing_network_needs_its_ids" {
  command = plan
  variables {
    create_vpc         = false
    create_msk_cluster = false
  }
  expect_failures = [
    var.existing_vpc_id,
    var.existing_private_subnet_ids,
    var.existing_route_table_ids,
    var.existing_kafka_bootstrap_servers,
    var.existing_msk_cluster_arn,
  ]
}

run "malformed_inputs_are_rejected" {
  command = plan
  variables {
    sse_mode               = "aes"
    environment            = "Prod"
    kafka_topic            = "products ready"
    kafka_topic_partitions = 500
    az_count               = 1
    extra_settings         = { lower_case = "x" }
  }
  expect_failures = [
    var.sse_mode,
    var.environment,
    var.kafka_topic,
    var.kafka_topic_partitions,
    var.az_count,
    var.extra_settings,
  ]
}
