package dev.sticker.local;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.sticker.local.template.Intrinsics;
import dev.sticker.local.template.Resource;
import dev.sticker.local.template.Template;
import dev.sticker.local.template.TemplateException;
import org.gaul.s3proxy.CrossOriginResourceSharing;

/**
 * The buckets' {@code CorsConfiguration}, so browsers can PUT to presigned URLs locally as they do on S3. S3Proxy
 * applies one CORS policy to all buckets, so the rules of every bucket are merged into one.
 */
final class BucketCors {

    private BucketCors() {
    }

    /** Empty when no bucket declares CORS rules (S3Proxy then answers no preflight, like S3). */
    static Optional<CrossOriginResourceSharing> fromTemplate(Template template, Map<String, String> parameterOverrides) {
        Intrinsics intrinsics = new Intrinsics(template, parameterOverrides, (resource, attribute) -> {
            throw new TemplateException("bucket CORS rules cannot refer to " + resource.logicalId() + " locally");
        });
        Set<String> origins = new LinkedHashSet<>();
        Set<String> methods = new LinkedHashSet<>();
        Set<String> headers = new LinkedHashSet<>();
        Set<String> exposed = new LinkedHashSet<>();
        for (Resource bucket : template.resourcesOfType(Template.BUCKET)) {
            if (!intrinsics.isActive(bucket) || !bucket.properties().containsKey("CorsConfiguration")) {
                continue;
            }
            Map<String, Object> cors = Template.asMap(intrinsics.resolve(bucket.properties().get("CorsConfiguration")),
                    bucket.logicalId() + ".CorsConfiguration");
            if (!(cors.get("CorsRules") instanceof List<?> rules)) {
                continue;
            }
            for (Object rule : rules) {
                Map<String, Object> declared = Template.asMap(rule, bucket.logicalId() + ".CorsRules");
                texts(declared.get("AllowedOrigins")).forEach(origin -> origins.add(originPattern(origin)));
                methods.addAll(texts(declared.get("AllowedMethods")));
                headers.addAll(texts(declared.get("AllowedHeaders")));
                exposed.addAll(texts(declared.get("ExposedHeaders")));
            }
        }
        if (origins.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CrossOriginResourceSharing(new ArrayList<>(origins), new ArrayList<>(methods),
                new ArrayList<>(headers), new ArrayList<>(exposed), ""));
    }

    /** S3 origins may hold one '*' wildcard; S3Proxy matches origins as regular expressions. */
    private static String originPattern(String origin) {
        if (origin.equals("*")) {
            return origin;
        }
        List<String> parts = new ArrayList<>();
        for (String literal : origin.split("\\*", -1)) {
            parts.add(literal.isEmpty() ? "" : Pattern.quote(literal));
        }
        return String.join(".*", parts);
    }

    private static List<String> texts(Object values) {
        return values instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
