package dev.sticker.core.aws;

import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.StoredObject;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Inputs and results as objects in one S3 bucket. */
public final class S3ObjectStore implements ObjectStore {

    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;
    private final String bucket;

    /** The clients are asked for on each call, so they may be built on first use. */
    public S3ObjectStore(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.get().putObject(put -> put.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.get().getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<StoredObject> read(String key) {
        try {
            ResponseBytes<GetObjectResponse> object = s3.get().getObjectAsBytes(get -> get.bucket(bucket).key(key));
            GetObjectResponse response = object.response();
            String eTag = response.eTag() == null ? "" : response.eTag().replace("\"", "");
            return Optional.of(new StoredObject(object.asByteArray(), response.contentType(), eTag,
                    response.metadata()));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }

    @Override
    public URI presignGet(String key, Duration validFor) {
        var presigned = presigner.get().presignGetObject(request -> request
                .signatureDuration(validFor)
                .getObjectRequest(get -> get.bucket(bucket).key(key)));
        return URI.create(presigned.url().toString());
    }

    @Override
    public URI presignPut(String key, String contentType, Duration validFor) {
        var presigned = presigner.get().presignPutObject(request -> request
                .signatureDuration(validFor)
                .putObjectRequest(put -> put.bucket(bucket).key(key).contentType(contentType)));
        return URI.create(presigned.url().toString());
    }

    @Override
    public Optional<Long> size(String key) {
        try {
            return Optional.of(s3.get().headObject(head -> head.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
