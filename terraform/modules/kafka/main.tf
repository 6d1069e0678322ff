# Amazon MSK Serverless with IAM authentication (the only client authentication it offers):
# clients connect on port 9098 with SASL/IAM over TLS and need kafka-cluster:* permissions on the
# cluster, topic, group and transactional-id ARNs, which the SAM template grants to the extract
# function's role action by action (exactly-once: docs/exactly-once.md).
#
# Topics are not AWS resources: MSK Serverless topics are created through the Kafka Admin API by a
# client inside the VPC. The wanted topic name, partition count and configuration are stored in
# Parameter Store (modules/config) and documented in terraform/README.md.

resource "aws_msk_serverless_cluster" "this" {
  count = var.create_cluster ? 1 : 0

  cluster_name = var.cluster_name

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [var.broker_security_group_id]
  }

  client_authentication {
    sasl {
      iam {
        enabled = true
      }
    }
  }
}
