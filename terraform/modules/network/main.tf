# Where the extract function and the Kafka brokers meet. A created VPC has private subnets only:
# no internet gateway and no NAT (and so no NAT cost); the functions reach AWS through VPC
# endpoints. Only the extract function needs the VPC (for MSK and the database); the other
# functions run outside it.
#
# Security groups: the brokers accept TCP 9098 (SASL/IAM over TLS) from the extract function's
# group and from nothing else; the interface endpoints accept 443 from the same group.

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  # one(x[*].attr) instead of x[0].attr: safe when the resource's count is 0.
  vpc_id          = var.create_vpc ? one(aws_vpc.this[*].id) : var.existing_vpc_id
  vpc_cidr        = var.create_vpc ? one(aws_vpc.this[*].cidr_block) : one(data.aws_vpc.existing[*].cidr_block)
  subnet_ids      = var.create_vpc ? aws_subnet.private[*].id : var.existing_private_subnet_ids
  route_table_ids = var.create_vpc ? aws_route_table.private[*].id : var.existing_route_table_ids
}

data "aws_vpc" "existing" {
  count = var.create_vpc ? 0 : 1
  id    = var.existing_vpc_id
}

# --- a small private VPC ------------------------------------------------------------------------

resource "aws_vpc" "this" {
  count = var.create_vpc ? 1 : 0

  cidr_block           = var.vpc_cidr
  enable_dns_support   = true # interface endpoints with private DNS need both
  enable_dns_hostnames = true

  tags = { Name = var.name }
}

# The default security group of a new VPC allows all traffic between its members: empty it.
resource "aws_default_security_group" "this" {
  count  = var.create_vpc ? 1 : 0
  vpc_id = aws_vpc.this[0].id
}

resource "aws_subnet" "private" {
  count = var.create_vpc ? var.az_count : 0

  vpc_id                  = aws_vpc.this[0].id
  cidr_block              = cidrsubnet(var.vpc_cidr, 4, count.index)
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  map_public_ip_on_launch = false

  tags = { Name = "${var.name}-private-${count.index}" }
}

resource "aws_route_table" "private" {
  count  = var.create_vpc ? 1 : 0
  vpc_id = aws_vpc.this[0].id

  tags = { Name = "${var.name}-private" }
}

resource "aws_route_table_association" "private" {
  count = var.create_vpc ? var.az_count : 0

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[0].id
}

# --- security groups ----------------------------------------------------------------------------

resource "aws_security_group" "extract" {
  name        = "${var.name}-extract"
  description = "productflow extract function: may reach the Kafka brokers, the VPC endpoints and the database"
  vpc_id      = local.vpc_id
}

resource "aws_security_group" "brokers" {
  name        = "${var.name}-kafka-brokers"
  description = "productflow MSK brokers: only the extract function may connect (9098, SASL/IAM)"
  vpc_id      = local.vpc_id
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name}-vpc-endpoints"
  description = "productflow interface VPC endpoints: HTTPS from the extract function"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "brokers_from_extract" {
  security_group_id            = aws_security_group.brokers.id
  description                  = "Kafka SASL/IAM from the extract function only"
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  referenced_security_group_id = aws_security_group.extract.id
}

resource "aws_vpc_security_group_egress_rule" "extract_to_brokers" {
  security_group_id            = aws_security_group.extract.id
  description                  = "Kafka SASL/IAM to the brokers"
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  referenced_security_group_id = aws_security_group.brokers.id
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_extract" {
  security_group_id            = aws_security_group.endpoints.id
  description                  = "HTTPS from the extract function"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.extract.id
}

resource "aws_vpc_security_group_egress_rule" "extract_to_endpoints" {
  security_group_id            = aws_security_group.extract.id
  description                  = "HTTPS to the interface endpoints"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.endpoints.id
}

resource "aws_vpc_security_group_egress_rule" "extract_to_gateway_endpoints" {
  for_each = aws_vpc_endpoint.gateway

  security_group_id = aws_security_group.extract.id
  description       = "HTTPS to ${each.key} through its gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = each.value.prefix_list_id
}

resource "aws_vpc_security_group_egress_rule" "extract_to_database" {
  security_group_id = aws_security_group.extract.id
  description       = "SQL database inside the VPC"
  ip_protocol       = "tcp"
  from_port         = var.database_port
  to_port           = var.database_port
  cidr_ipv4         = local.vpc_cidr
}

# --- VPC endpoints ------------------------------------------------------------------------------

data "aws_vpc_endpoint_service" "gateway" {
  for_each = var.create_vpc_endpoints ? toset(var.gateway_endpoint_services) : toset([])

  service      = each.key
  service_type = "Gateway"
}

resource "aws_vpc_endpoint" "gateway" {
  for_each = data.aws_vpc_endpoint_service.gateway

  vpc_id            = local.vpc_id
  service_name      = each.value.service_name
  vpc_endpoint_type = "Gateway"
  route_table_ids   = local.route_table_ids

  tags = { Name = "${var.name}-${each.key}" }
}

data "aws_vpc_endpoint_service" "interface" {
  for_each = var.create_vpc_endpoints ? toset(var.interface_endpoint_services) : toset([])

  service      = each.key
  service_type = "Interface"
}

resource "aws_vpc_endpoint" "interface" {
  for_each = data.aws_vpc_endpoint_service.interface

  vpc_id              = local.vpc_id
  service_name        = each.value.service_name
  vpc_endpoint_type   = "Interface"
  subnet_ids          = local.subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = { Name = "${var.name}-${each.key}" }
}
