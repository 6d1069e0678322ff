package com.productflow.stack.sfn;

/**
 * The three tasks of the real process-file state machine (Convert, Extract, RecordOutcome) as recording test
 * functions, and the executor serving them; each test class answers them as it needs.
 */
final class ProcessFileTasks {
    /** A registered file, as the ingest starts process-file with it. */
    static final String FILE = "{\"bucket\":\"in\",\"key\":\"drop/products.json\",\"versionId\":\"v1\","
            + "\"inputSha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",\"size\":1234}";

    final RecordingFunction convert = new RecordingFunction();
    final RecordingFunction extract = new RecordingFunction();
    final RecordingFunction record = new RecordingFunction();

    /** The executor, to register as the test class's extension; {@link LocalExecutor#deployProcessFile()} deploys it. */
    LocalExecutor executor() {
        return new LocalExecutor().function("Convert", convert).function("Extract", extract).function("RecordOutcome", record);
    }
}
