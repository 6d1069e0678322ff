# The file-state table, exactly as the state code (com.productflow.state) creates it in tests:
# one item per input file version, pk/sk string keys, the status-updatedAt index that the redrive
# function queries for FAILED and expired IN_PROGRESS records, and a ttl attribute that lets old
# COMPLETED records age out. The checks module compares this block with the expected schema, so
# change both together.

resource "aws_dynamodb_table" "state" {
  name                        = var.table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "status"
    type = "S"
  }

  attribute {
    name = "updatedAt"
    type = "S"
  }

  global_secondary_index {
    name            = "status-updatedAt"
    hash_key        = "status"
    range_key       = "updatedAt"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "ttl"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn == "" ? null : var.kms_key_arn
  }
}
