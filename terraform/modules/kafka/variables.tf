variable "create_cluster" {
  description = "Create an MSK Serverless cluster; false passes the existing_* values through."
  type        = bool
}

variable "cluster_name" {
  description = "Name of a created cluster."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9-]{1,64}$", var.cluster_name))
    error_message = "cluster_name must be 1-64 letters, digits or hyphens."
  }
}

variable "subnet_ids" {
  description = "Private subnets (two or more availability zones) for the cluster's endpoints."
  type        = list(string)
}

variable "broker_security_group_id" {
  description = "Security group of the brokers (admits only the extract function)."
  type        = string
}

variable "existing_bootstrap_servers" {
  description = "Bootstrap servers of an existing cluster (used when create_cluster is false)."
  type        = string
}

variable "existing_cluster_arn" {
  description = "ARN of an existing cluster (used when create_cluster is false)."
  type        = string
}
