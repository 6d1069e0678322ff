package com.productflow.pipeline;

import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An output format of the convert task (setting {@code OUTPUT_FORMATS}). The constants are in
 * publication order: with both, the Parquet is published first and the XML, which the pipeline's
 * fence and earlier readers know as "the output", last.
 */
public enum OutputFormat {
    PARQUET,
    XML;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code OUTPUT_FORMATS} (default xml), in publication order; an unknown format fails naming the setting. */
    public static List<OutputFormat> fromSettings(SettingsSource settings) {
        return settings.get(SettingsRegistry.OUTPUT_FORMATS).stream().map(OutputFormat::valueOf)
                .sorted(Comparator.naturalOrder()).toList();
    }
}
