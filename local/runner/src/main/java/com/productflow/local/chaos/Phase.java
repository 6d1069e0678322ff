package com.productflow.local.chaos;

/**
 * Where in the flow a kill is aimed, each recognised by what can be observed from outside the system:
 * <ul>
 *   <li>{@link #UPLOAD}: a user's multipart upload into the input bucket has stored a part and is not complete;</li>
 *   <li>{@link #CONVERSION}: a file is IN_PROGRESS (claimed by ConvertFunction) or an output's multipart upload is open;</li>
 *   <li>{@link #EXTRACT}: an ExtractFunction invocation is running (SQL to Kafka, its transaction open or closing);</li>
 *   <li>{@link #STATE_WRITE}: a file is PENDING: ingest has just written its record and the claim that follows is
 *       being written.</li>
 * </ul>
 */
public enum Phase {
    UPLOAD("upload"),
    CONVERSION("conversion"),
    EXTRACT("extract"),
    STATE_WRITE("stateWrite");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** The name in the campaign's JSON line. */
    public String label() {
        return label;
    }
}
