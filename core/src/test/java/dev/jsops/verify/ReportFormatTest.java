package dev.jsops.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.jsops.age.X25519Identity;

/**
 * Every output format of a report with findings of several kinds: golden files (regenerate with
 * {@code -Djsops.updateGolden=true}), the SARIF 2.1.0 JSON schema, the JUnit XML schema, and no secret value or
 * ciphertext in any of them.
 */
class ReportFormatTest {
    private static final Path GOLDEN = Path.of("src/test/resources/verify-golden");
    /** Values planted in the broken repository; none may appear in any output. */
    private static final List<String> SECRETS = new ArrayList<>(List.of("by-hand-secret", "not-a-real-password",
            "fake-connect-token-for-the-example-only", "ENC[", "AGE-SECRET-KEY-"));

    @TempDir
    Path tmp;
    private Report report;

    @BeforeEach
    void brokenRepository() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        String demo = "kubernetes/apps/demo/app/";
        repo.write(demo + "secret.sops.yaml", repo.read(demo + "secret.sops.yaml")
                .replace("stringData:\n", "stringData:\n    added: by-hand-secret\n"));
        repo.write(demo + "extra.sops.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n    name: x\nstringData:\n    a: b\n");
        X25519Identity id = X25519Identity.generate();
        SECRETS.add(id.encode().substring(16));
        repo.write("notes/key.txt", "\n" + id.encode() + "\n");
        repo.write(demo + "forgotten.sops.yaml", repo.encrypt("apiVersion: v1\nkind: Secret\nmetadata:\n    name: f\n"
                + "stringData:\n    a: \"<b> & 'c'\"\n", ExampleRepo.K8S));
        Report r = repo.verify(true, true);
        // Paths relative to the scanned root, so the golden files do not depend on the temporary directory.
        String prefix = repo.root + "/";
        List<Finding> rel = r.findings().stream()
                .map(f -> new Finding(f.rule(), f.severity(), f.file().replace(prefix, ""), f.line(), f.message())).toList();
        List<String> files = r.files().stream().map(f -> f.replace(prefix, "")).toList();
        report = new Report(rel, files, r.sopsFiles(), r.decrypted(), r.undecryptable(), r.keysGiven());
        assertTrue(report.findings().size() >= 4, report.findings().toString());
    }

    private String render(ReportFormat f) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.write(report, Severity.ERROR, "test", out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void goldenFiles() throws Exception {
        for (ReportFormat f : ReportFormat.values()) {
            String out = render(f);
            Path golden = GOLDEN.resolve("report." + f.name().toLowerCase(java.util.Locale.ROOT));
            if (Boolean.getBoolean("jsops.updateGolden")) {
                Files.writeString(golden, out);
            }
            assertEquals(Files.readString(golden), out, f + " differs from " + golden + " (regenerate with -Djsops.updateGolden=true)");
        }
    }

    @Test
    void noSecretInAnyFormat() throws Exception {
        for (ReportFormat f : ReportFormat.values()) {
            String out = render(f);
            for (String s : SECRETS) {
                assertFalse(out.contains(s), f + " output contains a secret or ciphertext: " + s);
            }
        }
    }

    private static Path schema(String name) {
        String root = System.getenv("JSOPS_PEERS");
        Path dir = root != null && !root.isEmpty() ? Path.of(root) : Path.of(System.getProperty("user.home"), ".cache", "jsops-peers");
        Path p = dir.resolve("schemas").resolve(name);
        if (!Files.isRegularFile(p)) {
            String msg = "skipped: schema " + name + " absent (testvectors/peers/install.sh fetches it)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg.substring(9) + ", and CI=true requires it");
            }
            Assumptions.abort(msg);
        }
        return p;
    }

    @Test
    void sarifValidatesAgainstTheSarif210Schema() throws Exception {
        Path schemaFile = schema("sarif-2.1.0.json");
        ObjectMapper mapper = new ObjectMapper();
        // The published schema declares JSON Schema draft-04.
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(Files.newInputStream(schemaFile));
        JsonNode doc = mapper.readTree(render(ReportFormat.SARIF));
        java.util.Set<ValidationMessage> errors = schema.validate(doc);
        assertEquals(java.util.Set.of(), errors);
        assertEquals(report.findings().size(), doc.at("/runs/0/results").size());
        // The validator does catch a violation: an unknown level.
        JsonNode broken = mapper.readTree(render(ReportFormat.SARIF).replace("\"level\" : \"error\"", "\"level\" : \"fatal\""));
        assertFalse(schema.validate(broken).isEmpty(), "the schema check must be able to fail");
    }

    @Test
    void junitValidatesAgainstTheJunitSchema() throws Exception {
        Path xsd = schema("junit-10.xsd");
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var validator = f.newSchema(xsd.toFile()).newValidator();
        validator.validate(new StreamSource(new StringReader(render(ReportFormat.JUNIT))));
        // And it does reject a test case without a name.
        String broken = render(ReportFormat.JUNIT).replaceFirst("<testcase classname=\"jsops.verify\" name=\"[^\"]*\"", "<testcase classname=\"x\"");
        org.junit.jupiter.api.Assertions.assertThrows(org.xml.sax.SAXException.class,
                () -> validator.validate(new StreamSource(new StringReader(broken))));
    }
}
