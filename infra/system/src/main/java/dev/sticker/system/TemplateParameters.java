package dev.sticker.system;

import dev.sticker.settings.Setting;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The template parameters a command starts the local cloud with: {@code --backend} and any {@code -p NAME=VALUE}.
 * Photos dropped into the local bucket are billed to the local account unless a parameter says otherwise.
 */
final class TemplateParameters {

    @Option(names = "--backend", description = "Generation backend: builtin (CPU engine) or http (remote GPU worker).")
    String backend;

    @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
            description = "A template parameter value, e.g. -p PublicBaseUrl=http://192.168.1.5:3000 (repeatable).")
    Map<String, String> parameters = new LinkedHashMap<>();

    /** The overrides for the template's Parameters; {@code --backend} is short for {@code -p Backend=...}. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>(parameters);
        if (backend != null) {
            overrides.put("Backend", backend);
        }
        overrides.putIfAbsent(Setting.INGEST_ACCOUNT.parameter(), LocalAccount.ID);
        return overrides;
    }
}
