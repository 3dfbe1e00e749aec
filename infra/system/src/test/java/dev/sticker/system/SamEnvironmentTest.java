package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.local.LocalCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The env-vars file ./sticker up writes for {@code sam local invoke}, from the project's template. */
class SamEnvironmentTest {

    @Test
    void everyFunctionReachesTheLocalServersFromDocker(@TempDir Path dir) throws IOException {
        LocalCloud cloud = LocalCloud.shared();
        Path file = dir.resolve(UpCommand.SAM_ENVIRONMENT);

        SamEnvironment.write(cloud, file);

        JsonNode written = new ObjectMapper().readTree(file.toFile());
        assertEquals(cloud.functionIds().size(), written.size());
        for (String id : cloud.functionIds()) {
            JsonNode variables = written.path(id);
            assertEquals(cloud.environment().get("STICKER_TABLE"), variables.path("STICKER_TABLE").asText(), id);
            for (String endpoint : new String[]{"STICKER_ENDPOINT_DYNAMODB", "STICKER_ENDPOINT_S3",
                    "STICKER_ENDPOINT_SQS"}) {
                URI local = URI.create(cloud.environment().get(endpoint));
                URI fromDocker = URI.create(variables.path(endpoint).asText());
                assertEquals(SamEnvironment.DOCKER_HOST, fromDocker.getHost(), id + " " + endpoint);
                assertEquals(local.getPort(), fromDocker.getPort(), id + " " + endpoint);
            }
            variables.fields().forEachRemaining(variable -> assertFalse(
                    variable.getValue().asText().contains("127.0.0.1"), id + " " + variable.getKey()));
        }
    }

    @Test
    void onlyVariablesTheTemplateDeclaresAreWritten() {
        LocalCloud cloud = LocalCloud.shared();

        Map<String, Map<String, String>> functions = SamEnvironment.of(cloud);

        functions.forEach((id, variables) -> assertEquals(cloud.function(id).definition().environment().keySet(),
                variables.keySet(), id));
        assertTrue(functions.values().stream().noneMatch(variables -> variables.containsKey("AWS_SECRET_ACCESS_KEY")));
    }
}
