output "vpc_id" {
  description = "VPC of the extract function and the brokers."
  value       = local.vpc_id
}

output "private_subnet_ids" {
  description = "Private subnets for the extract function and the brokers."
  value       = local.subnet_ids
}

output "extract_security_group_id" {
  description = "Security group to attach to the extract function."
  value       = aws_security_group.extract.id
}

output "broker_security_group_id" {
  description = "Security group of the Kafka brokers."
  value       = aws_security_group.brokers.id
}
