package com.productflow.local;

import com.productflow.common.json.SummaryLine;
import java.net.URI;

/**
 * Where the local servers listen and what to call things: printed first by {@code productflow local} as
 * one JSON line, so scripts and other tools ({@code aws --endpoint-url ...}) can find them. The keys are
 * the local servers' own test values, not secrets.
 */
public record LocalEndpoints(URI s3, String kafka, URI dynamodb, URI stepfunctions, URI lambda, String inputBucket,
                             String outputBucket, String topic, String region, String accessKey, String secretKey,
                             String stateTable, String processFileStateMachine, String backfillStateMachine, URI console) {

    /** Without the web console (a system started without one). */
    public LocalEndpoints(URI s3, String kafka, URI dynamodb, URI stepfunctions, URI lambda, String inputBucket,
                          String outputBucket, String topic, String region, String accessKey, String secretKey,
                          String stateTable, String processFileStateMachine, String backfillStateMachine) {
        this(s3, kafka, dynamodb, stepfunctions, lambda, inputBucket, outputBucket, topic, region, accessKey, secretKey,
                stateTable, processFileStateMachine, backfillStateMachine, null);
    }

    public LocalEndpoints withConsole(URI consoleUrl) {
        return new LocalEndpoints(s3, kafka, dynamodb, stepfunctions, lambda, inputBucket, outputBucket, topic, region,
                accessKey, secretKey, stateTable, processFileStateMachine, backfillStateMachine, consoleUrl);
    }

    public SummaryLine toSummary() {
        SummaryLine line = new SummaryLine()
                .put("s3", s3.toString())
                .put("kafka", kafka)
                .put("dynamodb", dynamodb.toString())
                .put("stepfunctions", stepfunctions.toString())
                .put("lambda", lambda.toString())
                .put("inputBucket", inputBucket)
                .put("outputBucket", outputBucket)
                .put("topic", topic)
                .put("region", region)
                .put("accessKey", accessKey)
                .put("secretKey", secretKey)
                .put("stateTable", stateTable)
                .put("processFileStateMachine", processFileStateMachine)
                .put("backfillStateMachine", backfillStateMachine);
        return console == null ? line : line.put("console", console.toString());
    }
}
