variable "parameter_prefix" {
  description = "Parameter Store path prefix, e.g. /productflow/prod (no trailing slash)."
  type        = string

  validation {
    condition     = can(regex("^(/[a-zA-Z0-9_.-]+)+$", var.parameter_prefix))
    error_message = "parameter_prefix must be a path such as /productflow/prod, without a trailing slash."
  }
}

variable "secret_name" {
  description = "Name of the Secrets Manager secret holding the database credentials."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9/_+=.@-]{1,512}$", var.secret_name))
    error_message = "secret_name holds characters Secrets Manager does not allow."
  }
}

variable "kms_key_arn" {
  description = "KMS key for the secret; empty string uses the AWS managed key aws/secretsmanager."
  type        = string
}

variable "secret_recovery_window" {
  description = "Days a deleted secret stays recoverable (0 = immediately deleted)."
  type        = number
}

variable "kafka_topic" {
  description = "KAFKA_TOPIC setting."
  type        = string
}

variable "kafka_bootstrap_servers" {
  description = "KAFKA_BOOTSTRAP_SERVERS setting."
  type        = string
}

variable "kafka_topic_partitions" {
  description = "KAFKA_TOPIC_PARTITIONS setting, used by whoever creates the topic."
  type        = number
}

variable "kafka_topic_config" {
  description = "KAFKA_TOPIC_CONFIG setting (key=value,...), used by whoever creates the topic."
  type        = string
}

variable "article_status" {
  description = "ARTICLE_STATUS setting."
  type        = string
}

variable "default_days_back" {
  description = "DEFAULT_DAYS_BACK setting."
  type        = number
}

variable "extra_settings" {
  description = "More non-secret settings (KEY => value)."
  type        = map(string)
}
