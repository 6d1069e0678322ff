package com.productflow.extract.publish;

/** How the producer authenticates: {@code none} for local brokers, {@code iam} for Amazon MSK. */
public enum KafkaAuth {
    NONE,
    /** SASL_SSL with the AWS_MSK_IAM mechanism of {@code software.amazon.msk:aws-msk-iam-auth}. */
    IAM
}
