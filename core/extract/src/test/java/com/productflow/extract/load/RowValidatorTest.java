package com.productflow.extract.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.extract.ProductColumn;
import com.productflow.extract.TestProducts;
import com.productflow.extract.csv.CsvRecord;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored form a row gets: decimals in plain notation, dates as given, instants fixed-width UTC. */
class RowValidatorTest {
    private static final int PRICE = ProductColumn.indexOf("price_eur");
    private static final int CREATED = ProductColumn.indexOf("createdOn");

    private final RowValidator validator;

    RowValidatorTest() {
        int[] identity = new int[ProductColumn.ALL.size()];
        Arrays.setAll(identity, i -> i);
        validator = new RowValidator(identity, identity.length);
    }

    @Test
    void decimalsAlreadyPlainAreStoredAsGivenAndRedundantZerosGo() {
        assertThat(stored(PRICE, "39.99")).isEqualTo("39.99");
        assertThat(stored(PRICE, "39.90")).isEqualTo("39.90");
        assertThat(stored(PRICE, "0")).isEqualTo("0");
        assertThat(stored(PRICE, "0.50")).isEqualTo("0.50");
        assertThat(stored(PRICE, "100")).isEqualTo("100");
        assertThat(stored(PRICE, "007")).isEqualTo("7");
        assertThat(stored(PRICE, "00.5")).isEqualTo("0.5");
        assertThat(stored(PRICE, "000")).isEqualTo("0");
        assertThat(reason(PRICE, "1e3")).contains("is not a decimal");
        assertThat(reason(PRICE, ".5")).contains("is not a decimal");
    }

    @Test
    void datesAreCheckedAndStoredAsGiven() {
        assertThat(stored(ProductColumn.B2B_READINESS_DATE, "2024-02-29")).isEqualTo("2024-02-29");
        assertThat(stored(ProductColumn.B2B_READINESS_DATE, "0001-01-01")).isEqualTo("0001-01-01");
        assertThat(reason(ProductColumn.B2B_READINESS_DATE, "2023-02-29")).contains("is not a valid date");
        assertThat(reason(ProductColumn.B2B_READINESS_DATE, "2024-5-01")).contains("is not an ISO date");
    }

    @Test
    void instantsAreStoredFixedWidthInUtc() {
        assertThat(stored(CREATED, "2024-01-01T00:00:00Z")).isEqualTo("2024-01-01T00:00:00.000000Z");
        assertThat(stored(CREATED, "2024-01-01T00:00:00.25Z")).isEqualTo("2024-01-01T00:00:00.250000Z");
        assertThat(stored(CREATED, "2024-01-01T02:00:00+02:00")).isEqualTo("2024-01-01T00:00:00.000000Z");
        assertThat(reason(CREATED, "2024-01-01T25:00:00Z")).contains("createdOn").isNotEmpty();
    }

    private String stored(int column, String value) {
        RowValidator.Outcome outcome = validator.validate(record(column, value));
        assertThat(outcome.reason()).as(value).isNull();
        return outcome.values()[column];
    }

    private String reason(int column, String value) {
        RowValidator.Outcome outcome = validator.validate(record(column, value));
        assertThat(outcome.values()).as(value).isNull();
        assertThat(outcome.column()).isEqualTo(ProductColumn.ALL.get(column).name());
        return ProductColumn.ALL.get(column).name() + ": " + outcome.reason();
    }

    private static CsvRecord record(int column, String value) {
        String[] fields = TestProducts.fields(1, "created", "2024-05-20", "2024-05-20T10:00:00Z");
        fields[column] = value;
        return new CsvRecord(2, List.of(fields), new byte[0], null);
    }
}
