output "parameter_prefix" {
  description = "Parameter Store prefix of the settings."
  value       = var.parameter_prefix
}

output "db_secret_arn" {
  description = "ARN of the database secret."
  value       = aws_secretsmanager_secret.db.arn
}

output "parameter_names" {
  description = "Names of the setting parameters (for documentation and IAM scoping)."
  value       = [for p in aws_ssm_parameter.setting : p.name]
}
