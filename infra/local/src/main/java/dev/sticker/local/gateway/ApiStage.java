package dev.sticker.local.gateway;

import java.util.List;
import java.util.Locale;

/**
 * A REST API of the template: its id, stage, the media types it passes to functions as base64, its CORS setting
 * (null when it has none) and the answers API Gateway gives on its own.
 */
public record ApiStage(String apiId, String stageName, List<String> binaryMediaTypes, Cors cors,
                       GatewayResponses responses) {

    public ApiStage {
        // CloudFormation writes '/' in media types as '~1' (JSON pointer escaping); SAM accepts both.
        binaryMediaTypes = binaryMediaTypes.stream().map(t -> t.replace("~1", "/").toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether a Content-Type (parameters ignored) matches one of the binary media types, wildcards included. */
    public boolean isBinary(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        int slash = mediaType.indexOf('/');
        String type = slash < 0 ? mediaType : mediaType.substring(0, slash);
        for (String binary : binaryMediaTypes) {
            if (binary.equals(mediaType) || binary.equals("*/*") || binary.equals(type + "/*")) {
                return true;
            }
        }
        return false;
    }
}
