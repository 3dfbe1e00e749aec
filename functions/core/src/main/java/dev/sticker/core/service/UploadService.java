package dev.sticker.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.account.Account;
import dev.sticker.core.account.Caller;
import dev.sticker.core.input.FieldError;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalWire;
import dev.sticker.core.wire.Json;
import dev.sticker.formats.ImageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * fal's storage upload: the caller asks for a place to put a photo and gets a presigned S3 PUT plus the durable file
 * URL to pass as {@code image_url}. The photo bytes never pass through a function, so they are not bound by Lambda's
 * payload limit. A presigned PUT cannot bound the size of what is put, so the limit is enforced where uploads are
 * read ({@link PhotoSource}); the bucket's lifecycle removes uploads after the retention period.
 */
public final class UploadService {

    private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);
    private static final ObjectMapper JSON = Json.MAPPER;

    /** How long the upload URL may be used. */
    public static final Duration UPLOAD_LINK_LIFETIME = Duration.ofMinutes(15);
    /** The largest upload a job will read: the same limit as photos downloaded from a URL. */
    public static final long MAX_UPLOAD_BYTES = ImageFetcher.DEFAULT_MAX_BYTES;
    private static final int MAX_FILE_NAME_LENGTH = 100;
    private static final Set<String> IMAGE_TYPES = Arrays.stream(ImageType.values()).map(ImageType::mimeType)
            .collect(Collectors.toUnmodifiableSet());

    private final ObjectStore objects;
    private final AccountStore accounts;

    public UploadService(ObjectStore objects, AccountStore accounts) {
        this.objects = objects;
        this.accounts = accounts;
    }

    /**
     * {@code POST /storage/upload/initiate}: body {@code {"content_type", "file_name"}}. As fal does, a locked account
     * (an operator's lock, or no credit left) is refused before anything else.
     */
    public ApiReply initiate(String body, ApiUrls urls, Caller caller) {
        Optional<Account> account = accounts.find(caller.accountId());
        String locked = account.isEmpty() ? "Unknown account" : account.get().lockedBecause(1);
        if (locked != null) {
            return FalWire.locked(locked);
        }
        JsonNode request;
        try {
            request = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return FalWire.validationFailed(List.of(new FieldError(List.of("body"), "Invalid JSON", "json_invalid")));
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode contentType = request.path("content_type");
        if (!contentType.isTextual()) {
            errors.add(FieldError.at("content_type", "Field required", "missing"));
        } else if (!IMAGE_TYPES.contains(mediaType(contentType.asText()))) {
            errors.add(FieldError.at("content_type", "Only images can be uploaded: one of "
                    + IMAGE_TYPES.stream().sorted().collect(Collectors.joining(", ")), "value_error.content_type"));
        }
        JsonNode fileName = request.path("file_name");
        if (!fileName.isMissingNode() && !fileName.isNull() && !fileName.isTextual()) {
            errors.add(FieldError.at("file_name", "Input should be a valid string", "string_type"));
        }
        if (!errors.isEmpty()) {
            return FalWire.validationFailed(errors);
        }
        String key = ObjectKeys.upload(caller.accountId(), UUID.randomUUID().toString(),
                safeFileName(fileName.asText("")));
        // Signed with the Content-Type exactly as given: the client PUTs with that same header value.
        URI uploadUrl = objects.presignPut(key, contentType.asText(), UPLOAD_LINK_LIFETIME);
        LOG.info("upload initiated key={} contentType={}", key, contentType.asText());
        return FalWire.uploadInitiated(uploadUrl.toString(), urls.fileUrl(key));
    }

    /** {@code POST /storage/upload/initiate-multipart}: meant for files over 90 MB, which no face photo needs. */
    public ApiReply initiateMultipart() {
        return FalWire.error(413, "Multipart uploads are not supported: photos are limited to "
                + MAX_UPLOAD_BYTES / (1024 * 1024) + " MB; upload them with POST /storage/upload/initiate");
    }

    /** The media type without parameters, in lower case ({@code image/PNG; x=y} → {@code image/png}). */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** The last path segment, reduced to letters, digits, dot, dash and underscore, so it is a safe key segment. */
    static String safeFileName(String requested) {
        String base = requested.substring(Math.max(requested.lastIndexOf('/'), requested.lastIndexOf('\\')) + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("\\.{2,}", ".").replaceAll("^[._]+", "");
        if (safe.length() > MAX_FILE_NAME_LENGTH) {
            safe = safe.substring(safe.length() - MAX_FILE_NAME_LENGTH);
        }
        return safe.isEmpty() ? "upload" : safe;
    }
}
