package dev.sticker.settings;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README documents every setting exactly as {@link Setting} declares it: a new setting needs its row. */
class ConfigurationDocsTest {

    @Test
    void theReadmesConfigurationTableIsTheSettingTable() throws IOException {
        String readme = Files.readString(repositoryFile("README.md"), StandardCharsets.UTF_8);

        String expected = table();

        assertTrue(readme.contains(expected), "README.md's configuration section must hold this table:\n\n" + expected);
    }

    private static String table() {
        StringBuilder table = new StringBuilder("| Variable | Meaning | Default | Template parameter | Read by |\n"
                + "|---|---|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            String defaultValue = setting.defaultValue() == null ? "set by the template"
                    : setting.defaultValue().isEmpty() ? "empty" : "`" + setting.defaultValue() + "`";
            table.append("| `").append(setting.variable()).append("` | ").append(setting.meaning()).append(" | ")
                    .append(defaultValue).append(" | ")
                    .append(setting.parameter() == null ? "—" : "`" + setting.parameter() + "`").append(" | ")
                    .append(readers(setting)).append(" |\n");
        }
        return table.toString();
    }

    private static String readers(Setting setting) {
        if (setting.readers().equals(Setting.Readers.ALL)) {
            return "all";
        }
        return setting.readers().stream().sorted().map(name -> name.replace("Function", ""))
                .collect(Collectors.joining(", "));
    }

    private static Path repositoryFile(String name) {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(name)) && Files.isDirectory(dir.resolve("functions"))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException(name + " not found above " + System.getProperty("user.dir"));
    }

    @Test
    void everyVariableIsNamedOnceAndLooksLikeTheOthers() {
        List<String> variables = Arrays.stream(Setting.values()).map(Setting::variable).toList();

        assertTrue(variables.stream().distinct().count() == variables.size(), variables.toString());
        assertTrue(variables.stream().allMatch(v -> v.matches("STICKER_[A-Z0-9_]+")), variables.toString());
    }
}
