package com.productflow.cli;

import com.productflow.common.BadInputException;
import java.util.Locale;

/** The output format of {@code convert} and {@code s3-convert}: one per run. */
enum ConvertFormat {
    XML,
    PARQUET;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ConvertFormat parse(String flag, String text) {
        for (ConvertFormat f : values()) {
            if (f.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new BadInputException(flag + " must be xml or parquet, got '" + text + "'");
    }
}
