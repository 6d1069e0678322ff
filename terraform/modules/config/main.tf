# Non-secret settings in Parameter Store, one String parameter per setting key under one prefix:
# <prefix>/KAFKA_TOPIC, <prefix>/ARTICLE_STATUS, ... The leaf names are the keys of .env.sample, so
# a function can read the whole path (GetParametersByPath) into the same settings layer it reads
# from .env locally.
#
# The database credentials live in Secrets Manager. This creates the secret, never its value:
# an operator puts the value (see README), so no credential is ever in code, state plans or logs
# of this repository. Terraform state holds only the secret's ARN.

locals {
  settings = merge(var.extra_settings, {
    KAFKA_TOPIC             = var.kafka_topic
    KAFKA_BOOTSTRAP_SERVERS = var.kafka_bootstrap_servers
    KAFKA_TOPIC_PARTITIONS  = tostring(var.kafka_topic_partitions)
    KAFKA_TOPIC_CONFIG      = var.kafka_topic_config
    ARTICLE_STATUS          = var.article_status
    DEFAULT_DAYS_BACK       = tostring(var.default_days_back)
  })
}

resource "aws_ssm_parameter" "setting" {
  for_each = local.settings

  name        = "${var.parameter_prefix}/${each.key}"
  description = "productflow setting ${each.key}"
  type        = "String"
  tier        = "Standard"
  value       = each.value
}

resource "aws_secretsmanager_secret" "db" {
  name                    = var.secret_name
  description             = "productflow database credentials for the extract function: JSON with engine, host, port, dbname, username, password. The value is put by an operator, not by terraform."
  kms_key_id              = var.kms_key_arn == "" ? null : var.kms_key_arn
  recovery_window_in_days = var.secret_recovery_window
}
