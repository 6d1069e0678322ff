package com.productflow.extract.publish;

import static com.productflow.common.config.SettingsRegistry.ARTICLE_STATUS;
import static com.productflow.common.config.SettingsRegistry.DEFAULT_DAYS_BACK;
import static com.productflow.common.config.SettingsRegistry.EXTRACT_FETCH_SIZE;
import static com.productflow.common.config.SettingsRegistry.EXTRACT_LATE_COMMIT_DELAY;
import static com.productflow.common.config.SettingsRegistry.EXTRACT_MODE;
import static com.productflow.common.config.SettingsRegistry.EXTRACT_PAGE_SIZE;

import com.productflow.common.config.SettingsSource;
import java.time.Duration;

/**
 * What to select and how: {@code articleStatus = ARTICLE_STATUS AND b2bReadinessDate >= today -
 * DEFAULT_DAYS_BACK days}, in {@code EXTRACT_MODE}; rows are streamed {@code EXTRACT_FETCH_SIZE} at
 * a time; incremental runs publish pages of {@code EXTRACT_PAGE_SIZE} rows and advance the watermark
 * after each fully acknowledged page, leaving rows changed within {@code EXTRACT_LATE_COMMIT_DELAY}
 * of now for the next run (a transaction that commits late with an older lastUpdated is not skipped).
 * Types, defaults and docs of the keys are in {@code SettingsRegistry}.
 */
public record ExtractSettings(
        String articleStatus,
        int daysBack,
        ExtractMode mode,
        int fetchSize,
        int pageSize,
        Duration lateCommitDelay) {

    public static final String DAYS_BACK = DEFAULT_DAYS_BACK.key();
    public static final String MODE = EXTRACT_MODE.key();
    public static final String FETCH_SIZE = EXTRACT_FETCH_SIZE.key();
    public static final String PAGE_SIZE = EXTRACT_PAGE_SIZE.key();
    public static final String LATE_COMMIT_DELAY = EXTRACT_LATE_COMMIT_DELAY.key();

    public static ExtractSettings from(SettingsSource s) {
        return new ExtractSettings(
                s.get(ARTICLE_STATUS),
                s.get(DEFAULT_DAYS_BACK),
                s.choice(EXTRACT_MODE, ExtractMode.class),
                s.get(EXTRACT_FETCH_SIZE),
                s.get(EXTRACT_PAGE_SIZE),
                s.get(EXTRACT_LATE_COMMIT_DELAY));
    }
}
