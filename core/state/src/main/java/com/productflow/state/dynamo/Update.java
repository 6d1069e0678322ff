package com.productflow.state.dynamo;

import com.productflow.state.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one UpdateItem's update expression through an {@link Expr}: {@code SET} assignments, then
 * {@code REMOVE}s. {@link #write} starts the one every transition of a file record makes: version + 1
 * (the fencing token moves on) and updatedAt = now (the status index's order).
 */
final class Update {
    private final Expr e;
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();

    Update(Expr e) {
        this.e = e;
    }

    /** A file record's transition at {@code now}: {@code version = version + 1, updatedAt = now}. */
    static Update write(Expr e, Instant now) {
        Update update = new Update(e);
        update.sets.add(e.n(ItemCodec.VERSION) + " = " + e.n(ItemCodec.VERSION) + " + " + e.v("one", 1));
        return update.set(ItemCodec.UPDATED_AT, e.v("now", Timestamps.format(now)));
    }

    /** {@code #attribute = placeholder} (a placeholder from {@link Expr#v}, or an expression of them). */
    Update set(String attribute, String valueExpression) {
        sets.add(e.n(attribute) + " = " + valueExpression);
        return this;
    }

    /** {@code #attribute = #attribute + placeholder}. */
    Update add(String attribute, String placeholder) {
        sets.add(e.n(attribute) + " = " + e.n(attribute) + " + " + placeholder);
        return this;
    }

    Update remove(String... attributes) {
        for (String attribute : attributes) {
            removes.add(e.n(attribute));
        }
        return this;
    }

    String expression() {
        StringBuilder text = new StringBuilder();
        if (!sets.isEmpty()) {
            text.append("SET ").append(String.join(", ", sets));
        }
        if (!removes.isEmpty()) {
            text.append(text.length() == 0 ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
        }
        return text.toString();
    }
}
