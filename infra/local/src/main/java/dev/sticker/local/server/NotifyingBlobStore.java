package dev.sticker.local.server;

import java.io.InputStream;
import java.util.function.Consumer;

import dev.sticker.local.events.ObjectCreated;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Tells {@code created} of every object S3Proxy stores (put, copy, completed multipart upload), once stored. */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private final Consumer<ObjectCreated> created;

    NotifyingBlobStore(BlobStore delegate, Consumer<ObjectCreated> created) {
        super(delegate);
        this.created = created;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        announce("ObjectCreated:Put", request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        announce("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        announce("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
        return response;
    }

    private void announce(String eventName, String bucket, String key) {
        HeadObjectResponse stored = delegate().blobMetadata(bucket, key);
        String eTag = stored.eTag() == null ? "" : stored.eTag().replace("\"", "");
        long size = stored.contentLength() == null ? 0 : stored.contentLength();
        created.accept(new ObjectCreated(eventName, bucket, key, size, eTag));
    }
}
