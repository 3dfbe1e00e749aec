package dev.sticker.system;

import dev.sticker.settings.Setting;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The template parameters a command starts the local cloud with: {@code --backends} and any {@code -p NAME=VALUE}.
 * Photos dropped into the local bucket are billed to the local account unless a parameter says otherwise.
 */
final class TemplateParameters {

    @Option(names = "--backends", description = "The backends a request is tried on, in order, e.g. fal,builtin "
            + "(builtin: the CPU engine; fal, replicate, comfyui, http: GPUs elsewhere, docs/backends.md).")
    String backends;

    @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
            description = "A template parameter value, e.g. -p PublicBaseUrl=http://192.168.1.5:3000 (repeatable).")
    Map<String, String> parameters = new LinkedHashMap<>();

    /** The overrides for the template's Parameters; {@code --backends} is short for {@code -p Backends=...}. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>(parameters);
        if (backends != null) {
            overrides.put(Setting.BACKENDS.parameter(), backends);
        }
        overrides.putIfAbsent(Setting.INGEST_ACCOUNT.parameter(), LocalAccount.ID);
        return overrides;
    }
}
