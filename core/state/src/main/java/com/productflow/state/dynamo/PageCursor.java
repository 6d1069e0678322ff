package com.productflow.state.dynamo;

import com.productflow.common.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque "next page" cursor of a status listing: DynamoDB's LastEvaluatedKey (four string
 * attributes), each base64url-encoded, so keys with any characters survive a shell round trip.
 */
final class PageCursor {
    private static final List<String> NAMES = List.of(
            StateTableSchema.PARTITION_KEY, StateTableSchema.SORT_KEY, StateTableSchema.STATUS, StateTableSchema.UPDATED_AT);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private PageCursor() {}

    static String encode(Map<String, AttributeValue> lastKey) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, AttributeValue> entry : new TreeMap<>(lastKey).entrySet()) {
            if (!NAMES.contains(entry.getKey()) || entry.getValue().s() == null) {
                throw new IllegalStateException("unexpected key attribute in a page cursor: " + entry.getKey());
            }
            out.append(out.length() == 0 ? "" : ".")
                    .append(entry.getKey())
                    .append('~')
                    .append(ENCODER.encodeToString(entry.getValue().s().getBytes(StandardCharsets.UTF_8)));
        }
        return out.toString();
    }

    /** The start key for the next page; the cursor must come from a listing of {@code status}. */
    static Map<String, AttributeValue> decode(String cursor, String status) {
        Map<String, AttributeValue> key = new HashMap<>();
        try {
            for (String part : cursor.split("\\.")) {
                int tilde = part.indexOf('~');
                String name = part.substring(0, tilde);
                if (!NAMES.contains(name)) {
                    throw new IllegalArgumentException(name);
                }
                key.put(name, AttributeValue.fromS(new String(DECODER.decode(part.substring(tilde + 1)), StandardCharsets.UTF_8)));
            }
        } catch (RuntimeException e) {
            throw new BadInputException("page cursor '" + cursor + "' is not one a listing produced");
        }
        if (key.size() != NAMES.size()) {
            throw new BadInputException("page cursor '" + cursor + "' is not one a listing produced");
        }
        if (!status.equals(key.get(StateTableSchema.STATUS).s())) {
            throw new BadInputException("page cursor '" + cursor + "' belongs to a listing of "
                    + key.get(StateTableSchema.STATUS).s() + ", not " + status);
        }
        return key;
    }
}
