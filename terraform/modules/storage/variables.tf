variable "input_bucket_name" {
  description = "Name of the input bucket (JSON product files arrive here)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.input_bucket_name))
    error_message = "input_bucket_name must be a valid S3 bucket name of at most 63 characters."
  }
}

variable "output_bucket_name" {
  description = "Name of the output bucket (XML feeds are written here)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.output_bucket_name))
    error_message = "output_bucket_name must be a valid S3 bucket name of at most 63 characters."
  }
}

variable "kms_key_arn" {
  description = "KMS key for SSE-KMS with S3 Bucket Keys; empty string uses SSE-S3 (AES256)."
  type        = string
}

variable "output_bucket_versioning" {
  description = "Version the output bucket as well (the input bucket is always versioned)."
  type        = bool
}

variable "noncurrent_version_days" {
  description = "Days a noncurrent object version is kept before it expires."
  type        = number
}

variable "abort_incomplete_multipart_days" {
  description = "Days after which an incomplete multipart upload is aborted."
  type        = number
}

variable "force_destroy" {
  description = "Allow destroying buckets that still hold objects."
  type        = bool
}
