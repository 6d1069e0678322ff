variable "name" {
  description = "Name prefix for the VPC, subnets and security groups."
  type        = string
}

variable "create_vpc" {
  description = "Create a VPC with private subnets; false uses the existing_* variables."
  type        = bool
}

variable "vpc_cidr" {
  description = "CIDR block of a created VPC."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "vpc_cidr must be an IPv4 CIDR block."
  }
}

variable "az_count" {
  description = "Availability zones (one private subnet each) of a created VPC."
  type        = number

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 3
    error_message = "az_count must be 2 or 3."
  }
}

variable "existing_vpc_id" {
  description = "Existing VPC id when create_vpc is false."
  type        = string
}

variable "existing_private_subnet_ids" {
  description = "Existing private subnet ids when create_vpc is false."
  type        = list(string)
}

variable "existing_route_table_ids" {
  description = "Route tables of the existing private subnets, for the gateway endpoints."
  type        = list(string)
}

variable "create_vpc_endpoints" {
  description = "Create the S3/DynamoDB gateway endpoints and the Secrets Manager/SSM/Step Functions interface endpoints."
  type        = bool
}

variable "gateway_endpoint_services" {
  description = "AWS services reached through gateway endpoints (free of charge): S3 for the CSV source, DynamoDB for the file state."
  type        = list(string)
  default     = ["s3", "dynamodb"]

  validation {
    condition     = alltrue([for s in var.gateway_endpoint_services : contains(["s3", "dynamodb"], s)])
    error_message = "Only s3 and dynamodb offer gateway endpoints."
  }
}

variable "interface_endpoint_services" {
  description = "AWS services reached through interface endpoints (short names as in com.amazonaws.<region>.<name>)."
  type        = list(string)
  default     = ["secretsmanager", "ssm", "states"]

  validation {
    condition     = alltrue([for s in var.interface_endpoint_services : can(regex("^[a-z0-9.-]+$", s))])
    error_message = "interface_endpoint_services must hold service short names such as \"ssm\"."
  }
}

variable "database_port" {
  description = "Port the extract function may reach inside the VPC for its SQL database."
  type        = number
}
