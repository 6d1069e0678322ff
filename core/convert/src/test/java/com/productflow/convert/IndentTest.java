package com.productflow.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.common.io.Sha256;
import com.productflow.samples.ProductGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** {@code convert --indent}: the same document, one element per line; whitespace-only text kept. */
class IndentTest {
    @Test
    void indentsNestedElementsAndKeepsTextAsIs() throws IOException {
        String json = "[{\"a\":\"x\",\"ws\":\"\\n \",\"o\":{\"b\":[1,{\"c\":null}],\"e\":{}},\"n\":null},{}]";
        String xml = indented(json, ConversionOptions.defaults().withNulls(NullHandling.NIL));
        assertThat(xml).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <products xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <product>
                    <a>x</a>
                    <ws>
                 </ws>
                    <o>
                      <b>
                        <item>1</item>
                        <item>
                          <c xsi:nil="true"/>
                        </item>
                      </b>
                      <e></e>
                    </o>
                    <n xsi:nil="true"/>
                  </product>
                  <product></product>
                </products>
                """);
    }

    @Test
    void generatedProductsParseToTheSameTree() throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new ProductGenerator(3).write(ProductGenerator.Format.JSON, 300, json);
        byte[] plain = Convert.bytes(json.toByteArray(), ConversionOptions.defaults()).xml();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult r = new IndentedXml(new JsonToXmlConverter())
                .convert(new ByteArrayInputStream(json.toByteArray()), out, ProgressListener.NONE, false);
        assertThat(r.records()).isEqualTo(300);
        assertThat(r.bytesOut()).isEqualTo(out.size());
        assertThat(r.outputSha256()).isEqualTo(Sha256.of(out.toByteArray()));
        assertThat(out.size()).isGreaterThan(plain.length);
        assertThat(canonical(Xml.parse(out.toByteArray()).getDocumentElement()))
                .isEqualTo(canonical(Xml.parse(plain).getDocumentElement()));
    }

    /** Elements and texts, with whitespace-only texts between elements (formatting) left out. */
    private static String canonical(Element e) {
        StringBuilder b = new StringBuilder("<").append(e.getTagName()).append('>');
        boolean hasElements = Xml.children(e).size() > 0;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                b.append(canonical(child));
            } else if (!hasElements) {
                b.append(n.getTextContent());
            }
        }
        return b.append("</>").toString();
    }

    private static String indented(String json, ConversionOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new IndentedXml(new JsonToXmlConverter(options)).convert(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, ProgressListener.NONE, false);
        return out.toString(StandardCharsets.UTF_8);
    }
}
