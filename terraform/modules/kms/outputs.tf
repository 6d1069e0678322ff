output "key_arn" {
  description = "ARN of the key in use, or an empty string when encryption is S3/AWS-managed."
  value       = !var.enabled ? "" : (var.existing_key_arn != "" ? var.existing_key_arn : one(aws_kms_key.this[*].arn))
}
