package com.productflow.extract.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.extract.ProductColumn;
import com.productflow.extract.TestProducts;
import org.junit.jupiter.api.Test;

class ProductJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void escapesWhatJsonRequiresAndKeepsUnicode() throws Exception {
        String[] values = TestProducts.fields(1, "created", "2024-05-20", "2024-05-20T10:00:00.000000Z");
        values[25] = "quote \" backslash \\ nl \n cr \r tab \t bell \u0007 é°— 😀 </script>";
        values[7] = null;
        values[15] = "-0.5";

        JsonNode node = JSON.readTree(new ProductJson().toJson(values));

        assertThat(node.get("ediDescription").asText()).isEqualTo(values[25]);
        assertThat(node.get("subbrandName").isNull()).isTrue();
        assertThat(node.get("price_usd").isNumber()).isTrue();
        assertThat(node.get("price_usd").decimalValue()).isEqualByComparingTo("-0.5");
        assertThat(node.size()).isEqualTo(ProductColumn.ALL.size());
    }

    @Test
    void refusesAPriceThatIsNotAJsonNumber() {
        for (String bad : new String[] {"1e5", "007", "1.", ".5", "NaN", "", "-"}) {
            String[] values = TestProducts.fields(1, "created", "2024-05-20", "2024-05-20T10:00:00Z");
            values[14] = bad;
            assertThatThrownBy(() -> new ProductJson().toJson(values)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price_eur");
        }
    }
}
