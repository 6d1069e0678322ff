# ---------------------------------------------------------------------------------------------
# Naming and placement
# ---------------------------------------------------------------------------------------------

variable "aws_region" {
  description = "Region to deploy into. Null (the default) takes it from AWS_REGION or the AWS profile, as the SAM CLI does."
  type        = string
  default     = null

  validation {
    condition     = var.aws_region == null || can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like a region code (two letters, a location, a number), or be null."
  }
}

variable "name_prefix" {
  description = "Short lowercase name that starts every resource name (bucket names add the environment, account id and region and must stay within 63 characters)."
  type        = string
  default     = "productflow"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-16 characters: lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name (prod, staging, dev...). Part of resource names and of the Parameter Store prefix."
  type        = string
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,7}$", var.environment))
    error_message = "environment must be 2-8 lowercase letters or digits, starting with a letter."
  }
}

variable "tags" {
  description = "Extra tags put on every resource (Project, Environment and ManagedBy are always set)."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------------------------------------
# Encryption and storage
# ---------------------------------------------------------------------------------------------

variable "sse_mode" {
  description = "Server-side encryption of buckets, table and secret: \"s3\" (AWS-managed keys, no KMS cost) or \"kms\" (a customer-managed KMS key)."
  type        = string
  default     = "s3"

  validation {
    condition     = contains(["s3", "kms"], var.sse_mode)
    error_message = "sse_mode must be \"s3\" or \"kms\"."
  }
}

variable "existing_kms_key_arn" {
  description = "With sse_mode = \"kms\": the ARN of an existing key to use. Empty creates a key (with rotation) here."
  type        = string
  default     = ""

  validation {
    condition     = var.existing_kms_key_arn == "" || can(regex("^arn:[a-z-]+:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]{36}$", var.existing_kms_key_arn))
    error_message = "existing_kms_key_arn must be empty or a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<uuid>)."
  }
}

variable "noncurrent_version_days" {
  description = "Days an overwritten or deleted object version is kept before S3 expires it (both buckets)."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_days >= 1 && var.noncurrent_version_days <= 3650 && floor(var.noncurrent_version_days) == var.noncurrent_version_days
    error_message = "noncurrent_version_days must be a whole number from 1 to 3650."
  }
}

variable "abort_incomplete_multipart_days" {
  description = "Days after which S3 aborts an unfinished multipart upload and frees its parts (a crashed conversion leaves one)."
  type        = number
  default     = 2

  validation {
    condition     = var.abort_incomplete_multipart_days >= 1 && var.abort_incomplete_multipart_days <= 365 && floor(var.abort_incomplete_multipart_days) == var.abort_incomplete_multipart_days
    error_message = "abort_incomplete_multipart_days must be a whole number from 1 to 365."
  }
}

variable "output_bucket_versioning" {
  description = "Keep old versions of output XML too (the input bucket is always versioned: the file state key uses the versionId)."
  type        = bool
  default     = true
}

variable "force_destroy_buckets" {
  description = "Let `terraform destroy` delete buckets that still hold objects. Keep false outside throwaway environments."
  type        = bool
  default     = false
}

variable "state_table_deletion_protection" {
  description = "Protect the DynamoDB file-state table from deletion (set false before a planned teardown)."
  type        = bool
  default     = true
}

# ---------------------------------------------------------------------------------------------
# Network
# ---------------------------------------------------------------------------------------------

variable "create_vpc" {
  description = "Create a small VPC with private subnets only (no NAT; AWS services through VPC endpoints). False uses existing_vpc_id and existing_private_subnet_ids."
  type        = bool
  default     = true
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC created when create_vpc is true. Each private subnet takes a sixteenth of it (a /20 of a /16)."
  type        = string
  default     = "10.42.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && try(tonumber(split("/", var.vpc_cidr)[1]) <= 20, false)
    error_message = "vpc_cidr must be an IPv4 CIDR block of /20 or larger."
  }
}

variable "az_count" {
  description = "Number of availability zones (and private subnets) for a created VPC. MSK Serverless needs at least two."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 3 && floor(var.az_count) == var.az_count
    error_message = "az_count must be 2 or 3."
  }
}

variable "existing_vpc_id" {
  description = "With create_vpc = false: the VPC that holds the extract function and the Kafka cluster."
  type        = string
  default     = ""

  validation {
    condition     = var.existing_vpc_id == "" || can(regex("^vpc-[0-9a-f]{8,17}$", var.existing_vpc_id))
    error_message = "existing_vpc_id must be empty or a VPC id (vpc-...)."
  }

  validation {
    condition     = var.create_vpc || var.existing_vpc_id != ""
    error_message = "existing_vpc_id is required when create_vpc is false."
  }
}

variable "existing_private_subnet_ids" {
  description = "With create_vpc = false: private subnets (in at least two availability zones) for the extract function and the Kafka cluster."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.existing_private_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "existing_private_subnet_ids must hold subnet ids (subnet-...)."
  }

  validation {
    condition     = var.create_vpc || length(var.existing_private_subnet_ids) >= 2
    error_message = "At least two existing_private_subnet_ids (in different availability zones) are required when create_vpc is false."
  }
}

variable "existing_route_table_ids" {
  description = "With create_vpc = false and create_vpc_endpoints = true: route tables of the private subnets, for the S3 and DynamoDB gateway endpoints."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.existing_route_table_ids : can(regex("^rtb-[0-9a-f]{8,17}$", id))])
    error_message = "existing_route_table_ids must hold route table ids (rtb-...)."
  }

  validation {
    condition     = var.create_vpc || !var.create_vpc_endpoints || length(var.existing_route_table_ids) > 0
    error_message = "existing_route_table_ids is required when create_vpc is false and create_vpc_endpoints is true."
  }
}

variable "create_vpc_endpoints" {
  description = "Create the VPC endpoints the extract function needs: S3 and DynamoDB (gateway), Secrets Manager, SSM and Step Functions (interface). False when the VPC already has them."
  type        = bool
  default     = true
}

variable "database_port" {
  description = "TCP port of the SQL database the extract function reads (PostgreSQL 5432). Egress is opened to the VPC CIDR on this port only."
  type        = number
  default     = 5432

  validation {
    condition     = var.database_port >= 1 && var.database_port <= 65535 && floor(var.database_port) == var.database_port
    error_message = "database_port must be a TCP port number."
  }
}

# ---------------------------------------------------------------------------------------------
# Kafka (Amazon MSK Serverless)
# ---------------------------------------------------------------------------------------------

variable "create_msk_cluster" {
  description = "Create an MSK Serverless cluster with IAM authentication. False uses existing_kafka_bootstrap_servers and existing_msk_cluster_arn."
  type        = bool
  default     = true
}

variable "existing_kafka_bootstrap_servers" {
  description = "With create_msk_cluster = false: SASL/IAM bootstrap servers (host:9098,...) of the existing cluster."
  type        = string
  default     = ""

  validation {
    condition     = var.existing_kafka_bootstrap_servers == "" || can(regex("^[A-Za-z0-9.-]+:[0-9]+(,[A-Za-z0-9.-]+:[0-9]+)*$", var.existing_kafka_bootstrap_servers))
    error_message = "existing_kafka_bootstrap_servers must be empty or host:port pairs separated by commas."
  }

  validation {
    condition     = var.create_msk_cluster || var.existing_kafka_bootstrap_servers != ""
    error_message = "existing_kafka_bootstrap_servers is required when create_msk_cluster is false."
  }
}

variable "existing_msk_cluster_arn" {
  description = "With create_msk_cluster = false: ARN of the existing MSK cluster (the extract function's IAM policy is scoped to it)."
  type        = string
  default     = ""

  validation {
    condition     = var.existing_msk_cluster_arn == "" || can(regex("^arn:[a-z-]+:kafka:[a-z0-9-]+:[0-9]{12}:cluster/.+$", var.existing_msk_cluster_arn))
    error_message = "existing_msk_cluster_arn must be empty or an MSK cluster ARN."
  }

  validation {
    condition     = var.create_msk_cluster || var.existing_msk_cluster_arn != ""
    error_message = "existing_msk_cluster_arn is required when create_msk_cluster is false."
  }
}

variable "kafka_topic" {
  description = "Topic the extract publishes ready products to, keyed by EAN. MSK Serverless topics are created by a client (see README)."
  type        = string
  default     = "product-updates"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,249}$", var.kafka_topic)) && !contains([".", ".."], var.kafka_topic)
    error_message = "kafka_topic must be 1-249 characters of letters, digits, '.', '_' or '-'."
  }
}

variable "kafka_topic_partitions" {
  description = "Partitions for the topic when it is created (stored in Parameter Store for the creating client)."
  type        = number
  default     = 6

  validation {
    condition     = var.kafka_topic_partitions >= 1 && var.kafka_topic_partitions <= 120 && floor(var.kafka_topic_partitions) == var.kafka_topic_partitions
    error_message = "kafka_topic_partitions must be a whole number from 1 to 120 (the MSK Serverless per-topic limit)."
  }
}

variable "kafka_topic_config" {
  description = "Topic configuration as comma-separated key=value pairs (stored in Parameter Store for the creating client)."
  type        = string
  default     = "cleanup.policy=compact,min.compaction.lag.ms=86400000,max.message.bytes=1048576"

  validation {
    condition     = can(regex("^[a-z.]+=[A-Za-z0-9._-]+(,[a-z.]+=[A-Za-z0-9._-]+)*$", var.kafka_topic_config))
    error_message = "kafka_topic_config must be key=value pairs separated by commas (values without commas)."
  }
}

# ---------------------------------------------------------------------------------------------
# Pipeline settings (Parameter Store) and the database secret
# ---------------------------------------------------------------------------------------------

variable "article_status" {
  description = "ARTICLE_STATUS: the articleStatus the extract selects."
  type        = string
  default     = "created"

  validation {
    condition     = length(trimspace(var.article_status)) > 0 && length(var.article_status) <= 64
    error_message = "article_status must be 1-64 characters."
  }
}

variable "default_days_back" {
  description = "DEFAULT_DAYS_BACK: the extract selects products whose b2bReadinessDate is within this many days."
  type        = number
  default     = 30

  validation {
    condition     = var.default_days_back >= 1 && var.default_days_back <= 3650 && floor(var.default_days_back) == var.default_days_back
    error_message = "default_days_back must be a whole number from 1 to 3650."
  }
}

variable "extra_settings" {
  description = "More non-secret settings for the functions, stored as <ParameterPrefix>/<KEY> (keys in the .env.sample style, e.g. OUTPUT_PREFIX)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.extra_settings : can(regex("^[A-Z][A-Z0-9_]{0,127}$", k)) && length(v) > 0])
    error_message = "extra_settings keys must be UPPER_SNAKE_CASE and values non-empty (Parameter Store rejects empty values)."
  }
}

variable "secret_recovery_window_days" {
  description = "Days Secrets Manager keeps a deleted database secret recoverable (0 deletes at once, for throwaway environments)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or from 7 to 30."
  }
}
