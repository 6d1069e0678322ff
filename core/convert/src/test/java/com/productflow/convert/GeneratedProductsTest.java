package com.productflow.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productflow.samples.Product;
import com.productflow.samples.ProductGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

/** Realistic products (non-ASCII, &, <, quotes, newlines) from the sample generator and the committed samples. */
class GeneratedProductsTest {
    @ParameterizedTest
    @EnumSource(value = ProductGenerator.Format.class, names = {"JSON", "JSONL"})
    void generatedProductsConvertOneElementPerProduct(ProductGenerator.Format format) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new ProductGenerator(7).write(format, 1500, json);
        ProductGenerator again = new ProductGenerator(7);
        List<Product> expected = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            expected.add(again.next());
        }
        Convert.Output out = Convert.bytes(json.toByteArray(), ConversionOptions.defaults());
        assertEquals(1500, out.result().records());
        List<Element> products = Xml.children(Xml.parse(out.xml()).getDocumentElement());
        assertEquals(1500, products.size());
        for (int i = 0; i < products.size(); i++) {
            Product p = expected.get(i);
            Element e = products.get(i);
            assertEquals(p.ean(), Xml.child(e, "ean").getTextContent());
            assertEquals(p.color(), Xml.child(e, "color").getTextContent());
            assertEquals(p.ediDescription(), Xml.child(e, "ediDescription").getTextContent());
        }
    }

    @Test
    void committedSampleFilesAgree() throws IOException {
        Path samples = Path.of("../../samples");
        Convert.Output array = Convert.bytes(Files.readAllBytes(samples.resolve("sample_products.json")), ConversionOptions.defaults());
        Convert.Output lines = Convert.bytes(Files.readAllBytes(samples.resolve("sample_products.jsonl")), ConversionOptions.defaults());
        long jsonLines = Files.readAllLines(samples.resolve("sample_products.jsonl")).stream().filter(l -> !l.isBlank()).count();
        assertEquals(jsonLines, lines.result().records());
        assertEquals(Xml.children(Xml.parse(lines.xml()).getDocumentElement()).size(), lines.result().records());
        assertEquals(Xml.children(Xml.parse(array.xml()).getDocumentElement()).size(), array.result().records());
        assertTrue(array.result().records() > 0);
    }
}
