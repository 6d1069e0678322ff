package com.productflow.local.chaos;

import com.productflow.common.json.SummaryLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;

/**
 * A campaign's outcome, printed as its one JSON line: the plan's size and seed, the invariants (a count of what
 * each was checked on) and every violation, what the kills hit, and where the logs are.
 */
public record CampaignResult(ChaosPlan plan, List<KillRecord> kills, boolean quiet, double quietSeconds, InvariantReport report,
                             Path dataDir, Path logs) {

    public boolean ok() {
        return report.holds();
    }

    public SummaryLine toSummary() {
        SummaryLine killed = new SummaryLine();
        for (Phase phase : Phase.values()) {
            killed.put(phase.label(), kills.stream().filter(k -> k.observed() && k.aimedAt() == phase).count());
        }
        killed.put("unobserved", kills.stream().filter(k -> !k.observed()).count());
        double slowestRestart = kills.stream().mapToDouble(KillRecord::restartSeconds).max().orElse(0);
        return new SummaryLine()
                .put("ok", ok())
                .put("files", plan.files().size())
                .put("kills", kills.size())
                .put("seed", plan.seed())
                .put("invariants", report.countsSummary())
                .put("violations", report.violations())
                .put("killedIn", killed)
                .put("slowestRestartSeconds", round(slowestRestart))
                .put("quiet", quiet)
                .put("quietSeconds", round(quietSeconds))
                .put("dataDir", dataDir.toString())
                .put("logs", logs.toString());
    }

    private static BigDecimal round(double seconds) {
        return BigDecimal.valueOf(seconds).setScale(1, RoundingMode.HALF_UP);
    }
}
