package com.productflow.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productflow.common.BadInputException;
import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ProductFeedShapeTest {
    private static final String EXAMPLE_PRODUCT = """
            [{"ean":"5713447649590","styleNumber":"16050217",
              "countryOfOrigin":[{"language":"English","value":"BD"}],
              "itemSellingPrices":[{"priceType":"EDI Retail Price","priceCurrency":"Euro","price":39.99,"validInRegion":"Austria"}],
              "color":"Black"}]
            """;

    @Test
    void docsExampleYieldsExactlyTheElementsShown() {
        Convert.Output out = Convert.text(EXAMPLE_PRODUCT);
        assertTrue(out.text().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<products>"), out.text());
        Element root = Xml.parse(out.xml()).getDocumentElement();
        assertEquals("products", root.getTagName());
        List<Element> products = Xml.children(root);
        assertEquals(1, products.size());
        Element product = products.get(0);
        assertEquals("product", product.getTagName());
        assertEquals(List.of("ean", "styleNumber", "countryOfOrigin", "itemSellingPrices", "color"), names(product));
        assertEquals("5713447649590", Xml.child(product, "ean").getTextContent());
        assertEquals("16050217", Xml.child(product, "styleNumber").getTextContent());
        assertEquals("Black", Xml.child(product, "color").getTextContent());

        Element origin = Xml.child(product, "countryOfOrigin");
        assertEquals(List.of("entry"), names(origin));
        Element entry = Xml.children(origin).get(0);
        assertEquals(List.of("language", "value"), names(entry));
        assertEquals("English", Xml.child(entry, "language").getTextContent());
        assertEquals("BD", Xml.child(entry, "value").getTextContent());

        Element prices = Xml.child(product, "itemSellingPrices");
        assertEquals(List.of("price"), names(prices));
        Element price = Xml.children(prices).get(0);
        assertEquals(List.of("priceType", "priceCurrency", "price", "validInRegion"), names(price));
        assertEquals("EDI Retail Price", Xml.child(price, "priceType").getTextContent());
        assertEquals("Euro", Xml.child(price, "priceCurrency").getTextContent());
        assertEquals("39.99", Xml.child(price, "price").getTextContent());
        assertEquals("Austria", Xml.child(price, "validInRegion").getTextContent());
        assertEquals(1, out.result().records());
    }

    @Test
    void otherArraysUseTheirProfileItemOrItem() {
        String json = "[{\"itemGrossPrices\":[{\"price\":1}],\"fabricCompositions\":[{\"material\":\"Cotton\",\"percentage\":100}],"
                + "\"washingInstructions\":[\"30°\",\"No bleach\"],\"matrix\":[[1,2],[]],\"empty\":[],\"obj\":{}}]";
        Element p = Xml.children(Xml.parse(Convert.text(json).xml()).getDocumentElement()).get(0);
        assertEquals(List.of("price"), names(Xml.child(p, "itemGrossPrices")));
        assertEquals(List.of("composition"), names(Xml.child(p, "fabricCompositions")));
        assertEquals(List.of("item", "item"), names(Xml.child(p, "washingInstructions")));
        assertEquals("30°", Xml.children(Xml.child(p, "washingInstructions")).get(0).getTextContent());
        Element matrix = Xml.child(p, "matrix");
        assertEquals(List.of("item", "item"), names(matrix));
        assertEquals(List.of("item", "item"), names(Xml.children(matrix).get(0)));
        assertEquals(List.of(), names(Xml.children(matrix).get(1)));
        assertEquals(List.of(), names(Xml.child(p, "empty")));
        assertEquals(List.of(), names(Xml.child(p, "obj")));
    }

    @Test
    void valuesAreWrittenExactlyAsTheJsonTextHadThem() {
        String big = "123456789012345678901234567890123456789012345678901234567890";
        String json = "[{\"a\":39.99,\"b\":1E+21,\"c\":" + big + ",\"d\":-0.0e-7,\"e\":true,\"f\":false,\"g\":0,\"h\":\"\"}]";
        Element p = Xml.children(Xml.parse(Convert.text(json).xml()).getDocumentElement()).get(0);
        assertEquals("39.99", Xml.child(p, "a").getTextContent());
        assertEquals("1E+21", Xml.child(p, "b").getTextContent());
        assertEquals(big, Xml.child(p, "c").getTextContent());
        assertEquals("-0.0e-7", Xml.child(p, "d").getTextContent());
        assertEquals("true", Xml.child(p, "e").getTextContent());
        assertEquals("false", Xml.child(p, "f").getTextContent());
        assertEquals("0", Xml.child(p, "g").getTextContent());
        assertEquals("", Xml.child(p, "h").getTextContent());
    }

    @Test
    void nullsAreOmittedEmptyOrNil() {
        String json = "[{\"a\":null,\"b\":[null,1]}]";
        Element omit = Xml.children(Xml.parse(Convert.text(json).xml()).getDocumentElement()).get(0);
        assertEquals(List.of("b"), names(omit));
        assertEquals(List.of("item"), names(Xml.child(omit, "b")));

        ConversionOptions empty = ConversionOptions.defaults().withNulls(NullHandling.EMPTY);
        Element e = Xml.children(Xml.parse(Convert.text(json, empty).xml()).getDocumentElement()).get(0);
        assertEquals(List.of("a", "b"), names(e));
        assertEquals("", Xml.child(e, "a").getTextContent());
        assertEquals(2, Xml.children(Xml.child(e, "b")).size());

        ConversionOptions nil = ConversionOptions.defaults().withNulls(NullHandling.NIL);
        Convert.Output out = Convert.text(json, nil);
        assertTrue(out.text().contains("<products xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"), out.text());
        Element n = Xml.children(Xml.parse(out.xml()).getDocumentElement()).get(0);
        assertEquals("true", Xml.child(n, "a").getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
        assertEquals("true", Xml.children(Xml.child(n, "b")).get(0)
                .getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
    }

    @Test
    void textIsEscapedAndForbiddenCharactersBecomeReplacementCharacters() {
        String json = "[{\"t\":\"a & b < c > d ]]> \\\"q\\\" 'x' \\r\\n\\t \\u0001 \\uD800 \\uFFFE \\uD83D\\uDE00 é—\"}]";
        Convert.Output out = Convert.text(json);
        Element p = Xml.children(Xml.parse(out.xml()).getDocumentElement()).get(0);
        assertEquals("a & b < c > d ]]> \"q\" 'x' \r\n\t \uFFFD \uFFFD \uFFFD \uD83D\uDE00 é—", Xml.child(p, "t").getTextContent());
    }

    @Test
    void strictModeRejectsForbiddenCharactersNamingTheRecord() {
        ConversionOptions strict = ConversionOptions.defaults().withStrict(true);
        MalformedInputException e = assertThrows(MalformedInputException.class,
                () -> Convert.text("[{\"a\":\"ok\"},\n{\"a\":\"bad \\u0001\"}]", strict));
        assertTrue(e.getMessage().contains("U+0001"), e.getMessage());
        assertEquals(1, e.recordIndex());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("record index 1"), e.getMessage());
    }

    @Test
    void invalidKeysBecomeTheFieldElementWithTheOriginalKeyInAnAttribute() {
        String[] keys = {"", "first name", "1abc", "-x", ".x", "xmlThing", "XML", "a:b", "<tag>", "größe", "a\"b", "tab\there", "field"};
        StringBuilder json = new StringBuilder("[{");
        for (int i = 0; i < keys.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(keys[i].replace("\"", "\\\"").replace("\t", "\\t")).append("\":").append(i);
        }
        json.append("}]");
        Element p = Xml.children(Xml.parse(Convert.text(json.toString()).xml()).getDocumentElement()).get(0);
        List<Element> fields = Xml.children(p);
        assertEquals(keys.length, fields.size());
        for (int i = 0; i < keys.length - 1; i++) {
            assertEquals("field", fields.get(i).getTagName());
            assertEquals(keys[i], fields.get(i).getAttribute("key"), "key " + i);
            assertEquals(String.valueOf(i), fields.get(i).getTextContent());
        }
        Element plain = fields.get(keys.length - 1);
        assertEquals("field", plain.getTagName());
        assertFalse(plain.hasAttribute("key"), "a portable key keeps its own name, no attribute");
    }

    @Test
    void jsonLinesGzipAndBomAreDetected() {
        String lines = "{\"ean\":\"1\"}\n{\"ean\":\"2\"}\r\n\n{\"ean\":\"3\"}\n";
        byte[] plain = lines.getBytes(StandardCharsets.UTF_8);
        byte[] gz = Convert.gzip(plain);
        Convert.Output a = Convert.bytes(plain, ConversionOptions.defaults());
        Convert.Output b = Convert.bytes(gz, ConversionOptions.defaults());
        assertEquals(3, a.result().records());
        assertEquals(a.text(), b.text());
        assertEquals(gz.length, b.result().bytesIn(), "bytesIn counts the compressed bytes");
        assertEquals(Sha256.of(gz), b.result().inputSha256(), "input hash is over the compressed bytes");
        assertEquals(Sha256.of(b.xml()), b.result().outputSha256());
        assertEquals(b.xml().length, b.result().bytesOut());

        byte[] bom = ("\uFEFF" + EXAMPLE_PRODUCT).getBytes(StandardCharsets.UTF_8);
        assertEquals(Convert.text(EXAMPLE_PRODUCT).text(), Convert.bytes(bom, ConversionOptions.defaults()).text());
    }

    @Test
    void emptyArrayIsZeroProducts() {
        Convert.Output out = Convert.text(" [ ] \n");
        Document doc = Xml.parse(out.xml());
        assertEquals(0, Xml.children(doc.getDocumentElement()).size());
        assertEquals(0, out.result().records());
        assertEquals(6, out.result().bytesIn());
    }

    @Test
    void aProfileRenamesRootRecordAndItems() throws IOException {
        MappingProfile profile = MappingProfile.parse(new StringReader(
                "root=feed\nrecord=article\nitem.default=li\nitem.sizes=size\ninvalidKey.element=f\ninvalidKey.attribute=name\n"),
                "test");
        ConversionOptions options = ConversionOptions.defaults().withProfile(profile);
        Element root = Xml.parse(Convert.text("[{\"sizes\":[\"S\"],\"tags\":[\"x\"],\"a b\":1}]", options).xml()).getDocumentElement();
        assertEquals("feed", root.getTagName());
        Element article = Xml.children(root).get(0);
        assertEquals("article", article.getTagName());
        assertEquals(List.of("size"), names(Xml.child(article, "sizes")));
        assertEquals(List.of("li"), names(Xml.child(article, "tags")));
        assertEquals("a b", Xml.child(article, "f").getAttribute("name"));
    }

    @Test
    void aBadProfileNamesTheKey() {
        BadInputException bad = assertThrows(BadInputException.class,
                () -> MappingProfile.parse(new StringReader("record=1product\n"), "p.properties"));
        assertTrue(bad.getMessage().contains("'record'") && bad.getMessage().contains("p.properties"), bad.getMessage());
        BadInputException typo = assertThrows(BadInputException.class,
                () -> MappingProfile.parse(new StringReader("recrod=x\n"), "p.properties"));
        assertTrue(typo.getMessage().contains("recrod"), typo.getMessage());
    }

    private static List<String> names(Element e) {
        return Xml.children(e).stream().map(Element::getTagName).toList();
    }
}
