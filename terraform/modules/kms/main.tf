# Optional customer-managed key. The key policy lets the account's IAM policies grant use of the
# key (the SAM template does so for the function roles) and lets administrators manage it. Its
# actions are listed by name or by verb prefix, never "kms:*", so no statement grants everything.

locals {
  create = var.enabled && var.existing_key_arn == ""
}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountPrincipalsUseTheKeyThroughIamPolicies"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"] # In a key policy "*" means this key.

    principals {
      type        = "AWS"
      identifiers = ["arn:${var.partition}:iam::${var.account_id}:root"]
    }
  }

  statement {
    sid    = "AccountPrincipalsAdministerTheKeyThroughIamPolicies"
    effect = "Allow"
    actions = [
      "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
      "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
      "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${var.partition}:iam::${var.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "this" {
  count = local.create ? 1 : 0

  description             = "productflow: buckets, file-state table and database secret (${var.name})"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.key.json
}

resource "aws_kms_alias" "this" {
  count = local.create ? 1 : 0

  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this[0].key_id
}
