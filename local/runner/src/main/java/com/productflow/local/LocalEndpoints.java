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
                             String stateTable, String processFileStateMachine, String backfillStateMachine) {

    public SummaryLine toSummary() {
        return new SummaryLine()
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
    }
}
