variable "table_name" {
  description = "Name of the file-state table."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9_.-]{3,255}$", var.table_name))
    error_message = "table_name must be 3-255 characters of letters, digits, '_', '-' or '.'."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the table; empty string uses the AWS managed key aws/dynamodb."
  type        = string
}

variable "deletion_protection" {
  description = "Refuse DeleteTable while true."
  type        = bool
}
