package dev.sticker.system;

import dev.sticker.local.template.Resource;
import dev.sticker.local.template.Template;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What SAM deploys resolves: each function's CodeUri names a shaded jar of the build (packaged before this module's
 * tests run in {@code mvn verify}) that holds its Handler class. A missing jar fails, it does not skip.
 */
class TemplateHandlersTest {

    @Test
    void everyHandlerClassIsInTheJarItsCodeUriNames() throws IOException {
        Path template = Photos.repositoryFile("template.yaml");
        Map<String, Object> globals = Template.read(template).globalsFor("Function");
        List<Resource> functions = Template.read(template).resourcesOfType(Template.FUNCTION);
        assertFalse(functions.isEmpty());
        for (Resource function : functions) {
            Object codeUri = function.properties().getOrDefault("CodeUri", globals.get("CodeUri"));
            String handler = String.valueOf(function.properties().get("Handler"));
            assertNotNull(codeUri, function.logicalId() + " has no CodeUri");
            Path jar = template.getParent().resolve(String.valueOf(codeUri));
            assertTrue(Files.isRegularFile(jar), function.logicalId() + ": " + jar + " is not built (mvn package)");
            String entry = handler.split("::")[0].replace('.', '/') + ".class";
            try (JarFile contents = new JarFile(jar.toFile())) {
                assertNotNull(contents.getEntry(entry), function.logicalId() + ": " + jar.getFileName() + " has no "
                        + entry);
            }
        }
    }
}
