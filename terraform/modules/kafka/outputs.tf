output "bootstrap_servers" {
  description = "SASL/IAM bootstrap servers (host:9098)."
  value       = var.create_cluster ? one(aws_msk_serverless_cluster.this[*].bootstrap_brokers_sasl_iam) : var.existing_bootstrap_servers
}

output "cluster_arn" {
  description = "ARN of the cluster."
  value       = var.create_cluster ? one(aws_msk_serverless_cluster.this[*].arn) : var.existing_cluster_arn
}
