package com.productflow.common.config;

import java.util.List;

/** The concerns settings are grouped by: the sections of .env.sample, in order. */
public enum SettingGroup {
    CONVERTER("Converter (JSON -> XML)"),
    PARQUET("Parquet output (convert --format parquet)"),
    S3("S3 (object store)"),
    STATE("File state (DynamoDB)",
            "One record per input file (bucket/key + versionId or ETag): PENDING -> IN_PROGRESS -> COMPLETED |",
            "FAILED | QUARANTINED. Inspect with `./productflow files list|show|requeue`."),
    AWS_ENDPOINTS("AWS endpoints",
            "The AWS SDKs' own variables: each points one service's client at another server (a local stack);",
            "unset = AWS. The S3 and DynamoDB ones are read through productflow's settings (so .env and flags work,",
            "and S3_ENDPOINT / DYNAMODB_ENDPOINT are their aliases); the others by the SDK from the environment."),
    SQL("SQL source"),
    EXTRACT("Extract (SQL -> Kafka)",
            "extract: articleStatus = ARTICLE_STATUS AND b2bReadinessDate >= today - DEFAULT_DAYS_BACK days."),
    KAFKA("Kafka producer",
            "Checked by Kafka's own ProducerConfig as well (acks, compression, idempotence, in-flight requests);",
            "its errors name these keys."),
    FUNCTIONS("Lambda functions",
            "Set by template.yaml in AWS; the local runner wires its own. Listed so every key the functions read",
            "is documented here."),
    LOCAL("Local stack and CLI"),
    LAMBDA_RUNTIME("Lambda runtime",
            "Set by template.yaml for the JVM and Powertools, not read by productflow's code; listed so every",
            "variable of the template is known here.");

    private final String title;
    private final List<String> intro;

    SettingGroup(String title, String... intro) {
        this.title = title;
        this.intro = List.of(intro);
    }

    public String title() {
        return title;
    }

    /** Lines that introduce the group in .env.sample (may be empty). */
    public List<String> intro() {
        return intro;
    }
}
