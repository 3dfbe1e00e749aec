package dev.sticker.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads CloudFormation/SAM YAML. The short intrinsic tags ({@code !Ref x}, {@code !Sub ...}, {@code !GetAtt a.b} ...)
 * become the long JSON form ({@code {"Ref": x}}, {@code {"Fn::Sub": ...}}, {@code {"Fn::GetAtt": [a, b]}}), so the
 * resolver deals with one shape only.
 */
public final class CloudFormationYaml {

    private static final Map<String, String> SHORT_TAGS = Map.ofEntries(
            Map.entry("!Ref", "Ref"),
            Map.entry("!Condition", "Condition"),
            Map.entry("!Sub", "Fn::Sub"),
            Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!Join", "Fn::Join"),
            Map.entry("!If", "Fn::If"),
            Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"),
            Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!Not", "Fn::Not"),
            Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"),
            Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!Base64", "Fn::Base64"),
            Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!Cidr", "Fn::Cidr"));

    private CloudFormationYaml() {
    }

    public static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return asDocument(load().loadFromReader(reader), file.toString());
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof TemplateException) {
                throw e;
            }
            throw new TemplateException("template " + file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    public static Map<String, Object> parse(String yaml) {
        return asDocument(load().loadFromString(yaml), "template");
    }

    private static Load load() {
        LoadSettings settings = LoadSettings.builder().setLabel("template").build();
        return new Load(settings, new IntrinsicConstructor(settings));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asDocument(Object loaded, String name) {
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new TemplateException(name + " is not a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    private static final class IntrinsicConstructor extends StandardConstructor {

        IntrinsicConstructor(LoadSettings settings) {
            super(settings);
            SHORT_TAGS.forEach((tag, function) -> tagConstructors.put(new Tag(tag), new Intrinsic(function)));
        }

        private final class Intrinsic implements ConstructNode {
            private final String function;

            Intrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    argument = function.equals("Fn::GetAtt") ? splitAttribute(text) : text;
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                return Map.of(function, argument);
            }

            private List<String> splitAttribute(String text) {
                int dot = text.indexOf('.');
                if (dot < 1) {
                    throw new TemplateException("!GetAtt needs Resource.Attribute, got '" + text + "'");
                }
                return List.of(text.substring(0, dot), text.substring(dot + 1));
            }
        }
    }
}
