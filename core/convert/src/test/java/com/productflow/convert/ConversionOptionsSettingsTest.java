package com.productflow.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.config.InvalidSettingException;
import com.productflow.common.config.SettingType;
import com.productflow.common.config.SettingsRegistry;
import com.productflow.common.config.SettingsSource;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversionOptionsSettingsTest {
    @Test
    void registryDefaultsAreTheDefaults() {
        ConversionOptions fromNothing = ConversionOptions.fromSettings(SettingsSource.of(Map.of()));
        ConversionOptions defaults = ConversionOptions.defaults();
        assertThat(fromNothing.nulls()).isEqualTo(defaults.nulls()).isEqualTo(NullHandling.OMIT);
        assertThat(fromNothing.maxDepth()).isEqualTo(defaults.maxDepth()).isEqualTo(1000);
        assertThat(fromNothing.maxStringLength()).isEqualTo(10_000_000);
        assertThat(fromNothing.maxNumberLength()).isEqualTo(10_000);
        assertThat(fromNothing.strict()).isFalse();
    }

    @Test
    void everyNullsChoiceIsANullHandling() {
        SettingType.Choice choice = (SettingType.Choice) SettingsRegistry.CONVERT_NULLS.type();
        assertThat(choice.values()).map(v -> NullHandling.valueOf(v.toUpperCase()))
                .containsExactlyElementsOf(Arrays.asList(NullHandling.values()));
        assertThat(ConversionOptions.fromSettings(SettingsSource.of(Map.of("CONVERT_NULLS", "nil"))).nulls()).isEqualTo(NullHandling.NIL);
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> ConversionOptions.fromSettings(SettingsSource.of(Map.of("CONVERT_MAX_DEPTH", "0"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("CONVERT_MAX_DEPTH");
    }
}
