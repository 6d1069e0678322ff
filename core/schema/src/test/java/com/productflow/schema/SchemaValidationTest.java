package com.productflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.convert.ConversionOptions;
import com.productflow.convert.IndentedXml;
import com.productflow.convert.JsonToXmlConverter;
import com.productflow.convert.MappingProfile;
import com.productflow.convert.NullHandling;
import com.productflow.convert.ProgressListener;
import com.productflow.convert.StreamConversion;
import com.productflow.samples.ProductGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/**
 * Real converter outputs (generated products, the committed samples, hostile keys and values, every
 * null handling, indented) validate against the published XSD, with the JDK's javax.xml.validation
 * and with xmllint --schema (skipped, loudly, when xmllint is not installed).
 */
class SchemaValidationTest {
    private static final Path XSD = Path.of("../../docs/schemas/product-feed.xsd");

    @TempDir
    Path dir;

    /** {@code -Dproductflow.writeSchemas=true} rewrites docs/schemas/ from the product schema. */
    @Test
    void publishedSchemasAreTheGeneratedOnes() throws IOException {
        ProductSchema schema = ProductSchema.product();
        if (Boolean.getBoolean("productflow.writeSchemas")) {
            Files.writeString(XSD, ProductFeedXsd.generate(schema, MappingProfile.productFeed()));
            Files.writeString(Path.of("../../docs/schemas/product-message.schema.json"), MessageJsonSchema.generate(schema));
        }
        assertThat(Files.readString(XSD)).isEqualTo(ProductFeedXsd.generate(schema, MappingProfile.productFeed()));
        assertThat(Files.readString(Path.of("../../docs/schemas/product-message.schema.json")))
                .isEqualTo(MessageJsonSchema.generate(schema));
    }

    @Test
    void everyOutputValidates() throws Exception {
        List<byte[]> outputs = new ArrayList<>();
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        new ProductGenerator(5).write(ProductGenerator.Format.JSONL, 2000, generated);
        byte[] hostile = ("[{\"ean\":\"1\",\"\":1,\"1x\":[],\"a b\":{\"<c>\":\"&\\u0001\\\"'\"},\"xmlns\":null,"
                + "\"field\":\"literal field key\",\"itemSellingPrices\":\"not a list\",\"price\":{\"price\":[[1],[]]},"
                + "\"é\":true,\"countryOfOrigin\":[null,{\"value\":{\"x\":1e999}}],\"x\":\"\\n\\r\\t \"},{}]")
                .getBytes(StandardCharsets.UTF_8);
        for (NullHandling nulls : NullHandling.values()) {
            ConversionOptions options = ConversionOptions.defaults().withNulls(nulls);
            outputs.add(convert(new JsonToXmlConverter(options), generated.toByteArray()));
            outputs.add(convert(new JsonToXmlConverter(options), hostile));
            outputs.add(convert(new IndentedXml(new JsonToXmlConverter(options)), hostile));
            outputs.add(convert(new JsonToXmlConverter(options), Files.readAllBytes(Path.of("../../samples/sample_products.json"))));
        }
        outputs.add(convert(new JsonToXmlConverter(), "[]".getBytes(StandardCharsets.UTF_8)));

        Validator validator = schema().newValidator();
        for (byte[] xml : outputs) {
            validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
        }
        xmllint(outputs, true);
    }

    @Test
    void theSchemaRejectsWhatTheConverterNeverWrites() throws Exception {
        Validator validator = schema().newValidator();
        for (String bad : new String[] {
            "<products><product>text</product></products>",
            "<products><item/></products>",
            "<feed/>",
        }) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> validator.validate(new StreamSource(new StringReader(bad))))
                    .as(bad).isInstanceOf(SAXException.class);
        }
        xmllint(List.of("<products><product>text</product></products>".getBytes(StandardCharsets.UTF_8)), false);
    }

    private static Schema schema() throws SAXException {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(XSD.toFile());
    }

    private static byte[] convert(StreamConversion converter, byte[] json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        converter.convert(new ByteArrayInputStream(json), out, ProgressListener.NONE, false);
        return out.toByteArray();
    }

    /** Each document through {@code xmllint --noout --schema}; {@code valid} is the expected outcome. */
    private void xmllint(List<byte[]> documents, boolean valid) throws Exception {
        if (!onPath("xmllint")) {
            System.err.println("!!!!! SKIPPED: xmllint is not installed (Debian: apt-get install libxml2-utils);"
                    + " XML outputs were NOT validated with libxml2 !!!!!");
            return;
        }
        for (int i = 0; i < documents.size(); i++) {
            Path file = dir.resolve("out" + i + ".xml");
            Files.write(file, documents.get(i));
            Process p = new ProcessBuilder("xmllint", "--noout", "--schema", XSD.toString(), file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue() == 0).as("xmllint on document %d: %s", i, output).isEqualTo(valid);
        }
    }

    private static boolean onPath(String command) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, command))) {
                return true;
            }
        }
        return false;
    }
}
