package com.productflow.extract.publish;

import com.productflow.common.config.SettingsSource;
import java.time.Duration;

/**
 * What to select and how: {@code articleStatus = ARTICLE_STATUS AND b2bReadinessDate >= today -
 * DEFAULT_DAYS_BACK days}, in {@code EXTRACT_MODE}; rows are streamed {@code EXTRACT_FETCH_SIZE} at
 * a time; incremental runs publish pages of {@code EXTRACT_PAGE_SIZE} rows and advance the watermark
 * after each fully acknowledged page, leaving rows changed within {@code EXTRACT_LATE_COMMIT_DELAY}
 * of now for the next run (a transaction that commits late with an older lastUpdated is not skipped).
 */
public record ExtractSettings(
        String articleStatus,
        int daysBack,
        ExtractMode mode,
        int fetchSize,
        int pageSize,
        Duration lateCommitDelay) {

    public static final String ARTICLE_STATUS = "ARTICLE_STATUS";
    public static final String DAYS_BACK = "DEFAULT_DAYS_BACK";
    public static final String MODE = "EXTRACT_MODE";
    public static final String FETCH_SIZE = "EXTRACT_FETCH_SIZE";
    public static final String PAGE_SIZE = "EXTRACT_PAGE_SIZE";
    public static final String LATE_COMMIT_DELAY = "EXTRACT_LATE_COMMIT_DELAY";

    public static ExtractSettings from(SettingsSource s) {
        Duration delay = s.duration(LATE_COMMIT_DELAY, Duration.ofSeconds(10));
        if (delay.isNegative()) {
            throw s.invalid(LATE_COMMIT_DELAY, "must not be negative, got " + delay);
        }
        return new ExtractSettings(
                s.string(ARTICLE_STATUS, "created"),
                s.integer(DAYS_BACK, 30, 0, 36_500),
                s.choice(MODE, ExtractMode.class, ExtractMode.FULL),
                s.integer(FETCH_SIZE, 1000, 1, 1_000_000),
                s.integer(PAGE_SIZE, 10_000, 1, 10_000_000),
                delay);
    }
}
