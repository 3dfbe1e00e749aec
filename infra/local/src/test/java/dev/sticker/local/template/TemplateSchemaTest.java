package dev.sticker.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml must be a valid SAM template: SAM reads the same file, so a typo here breaks deployment. */
class TemplateSchemaTest {

    private static final Path ROOT = Path.of("../..");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema samSchema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("infra/sam/sam.schema.json"))) {
            // The SAM schema carries documentation keywords of its own; they describe, they do not constrain.
            JsonMetaSchema draft4WithSamNotes = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                    .keywords(Stream.of("__samPassThrough", "markdownDescription", "markdownDescriptionOverride",
                            "schemaPath").map(NonValidationKeyword::new).toList())
                    .build();
            samSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                    builder -> builder.metaSchema(draft4WithSamNotes)).getSchema(in);
        }
    }

    @Test
    void projectTemplateIsValidSam() {
        Set<ValidationMessage> problems = validate(CloudFormationYaml.read(ROOT.resolve("template.yaml")));
        assertEquals(Set.of(), problems, "template.yaml breaks the SAM schema");
    }

    @Test
    void misspeltFunctionPropertyIsCaught() throws IOException {
        String broken = Files.readString(ROOT.resolve("template.yaml"))
                .replaceFirst("SnapStart:", "SnapStrt:");
        assertFalse(validate(CloudFormationYaml.parse(broken)).isEmpty());
    }

    @Test
    void intrinsicTagsBecomeData() {
        Map<String, Object> document = CloudFormationYaml.read(ROOT.resolve("template.yaml"));
        JsonNode json = JSON.valueToTree(document);
        assertTrue(json.findValues("Ref").size() > 0, "!Ref parsed as {\"Ref\": ...}");
        assertTrue(json.findValues("Fn::GetAtt").size() > 0, "!GetAtt parsed as {\"Fn::GetAtt\": ...}");
    }

    private static Set<ValidationMessage> validate(Map<String, Object> document) {
        return samSchema.validate(JSON.valueToTree(document));
    }
}
