# One output per SAM template parameter, named exactly like it (sam-parameters.txt lists them),
# and nothing else: `sam deploy --parameter-overrides` rejects names the template does not declare.
# Every value is a plain string so `terraform output -json | jq` can pass it straight through.

output "InputBucketName" {
  description = "Versioned input bucket; drop JSON files under incoming/. Sends its events to EventBridge."
  value       = module.storage.input_bucket_name
}

output "OutputBucketName" {
  description = "Bucket the XML feeds are written to."
  value       = module.storage.output_bucket_name
}

output "StateTableName" {
  description = "DynamoDB table holding one record per input file version."
  value       = module.state.table_name
}

output "KmsKeyArn" {
  description = "Customer-managed KMS key of buckets, table and secret; empty string with S3-managed encryption."
  value       = module.kms.key_arn
}

output "KafkaBootstrapServers" {
  description = "SASL/IAM bootstrap servers (port 9098) of the MSK cluster."
  value       = module.kafka.bootstrap_servers
}

output "MskClusterArn" {
  description = "ARN of the MSK cluster; the extract function's kafka-cluster permissions are scoped to it."
  value       = module.kafka.cluster_arn
}

output "KafkaTopic" {
  description = "Topic the extract publishes ready products to."
  value       = var.kafka_topic
}

output "PrivateSubnetIds" {
  description = "Comma-separated private subnets for the extract function."
  value       = join(",", module.network.private_subnet_ids)
}

output "ExtractSecurityGroupId" {
  description = "Security group of the extract function; the only one the brokers let in."
  value       = module.network.extract_security_group_id
}

output "DbSecretArn" {
  description = "Secrets Manager secret with the database credentials (its value is put by an operator, never by code)."
  value       = module.config.db_secret_arn
}

output "ParameterPrefix" {
  description = "Parameter Store path under which the non-secret settings live (one parameter per setting key)."
  value       = module.config.parameter_prefix
}
