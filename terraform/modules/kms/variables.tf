variable "enabled" {
  description = "True when resources are encrypted with a customer-managed KMS key (sse_mode = \"kms\")."
  type        = bool
}

variable "existing_key_arn" {
  description = "ARN of an existing key to use instead of creating one; empty creates one when enabled."
  type        = string
  default     = ""
}

variable "name" {
  description = "Name used for the key alias (alias/<name>)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9/_-]{1,200}$", var.name))
    error_message = "name must be usable in a KMS alias: letters, digits, '/', '_' and '-'."
  }
}

variable "account_id" {
  description = "Account that owns the key (from aws_caller_identity, never typed in)."
  type        = string
}

variable "partition" {
  description = "AWS partition (from aws_partition), so ARNs work outside the commercial partition too."
  type        = string
}

variable "deletion_window_days" {
  description = "Days KMS waits before deleting the key after it is scheduled for deletion."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_days >= 7 && var.deletion_window_days <= 30
    error_message = "deletion_window_days must be from 7 to 30."
  }
}
