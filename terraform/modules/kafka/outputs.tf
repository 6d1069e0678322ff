output "bootstrap_servers" {
  description = "SASL/IAM bootstrap servers (host:9098)."
  value       = var.create_cluster ? aws_msk_serverless_cluster.this[0].bootstrap_brokers_sasl_iam : var.existing_bootstrap_servers
}

output "cluster_arn" {
  description = "ARN of the cluster."
  value       = var.create_cluster ? aws_msk_serverless_cluster.this[0].arn : var.existing_cluster_arn
}
