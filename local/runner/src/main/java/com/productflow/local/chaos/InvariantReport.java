package com.productflow.local.chaos;

import com.productflow.common.json.SummaryLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict on a whole history: per invariant, how many things it was checked on, and every violation found,
 * each a sentence that starts with the invariant's name and names the key, record or product concerned.
 */
public final class InvariantReport {
    private final Map<String, Integer> checked = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();

    /** Counts {@code n} more things checked under {@code invariant}. */
    void checked(String invariant, int n) {
        checked.merge(invariant, n, Integer::sum);
    }

    void violation(String invariant, String what) {
        violations.add(invariant + ": " + what);
    }

    public boolean holds() {
        return violations.isEmpty();
    }

    public Map<String, Integer> checked() {
        return Map.copyOf(checked);
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** True when some violation is of {@code invariant}. */
    public boolean violates(String invariant) {
        return violations.stream().anyMatch(v -> v.startsWith(invariant + ": "));
    }

    public SummaryLine countsSummary() {
        SummaryLine line = new SummaryLine();
        checked.forEach(line::put);
        return line;
    }
}
