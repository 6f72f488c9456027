package io.briefaudio.shared.storage;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Keeps audio in one bucket of an S3-compatible service (AWS S3, MinIO, Ceph, R2). The clients come
 * from quarkus-amazon-s3, so endpoint, region, path style and credentials are {@code quarkus.s3.*}.
 */
public class S3AudioStorage implements AudioStorage {

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;

    public S3AudioStorage(S3Client client, S3Presigner presigner, String bucket) {
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public String provider() {
        return "s3";
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        try {
            client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
        } catch (SdkException | UncheckedIOException e) {
            // the url-connection client lets a connection cut mid-request escape as an UncheckedIOException
            throw new StorageException("cannot write " + key + " to bucket " + bucket, e);
        }
    }

    @Override
    public void put(String key, java.nio.file.Path file, String contentType) {
        try {
            // From the file, with its length known up front: the body is streamed, not buffered.
            client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
        } catch (SdkException | UncheckedIOException e) {
            throw new StorageException("cannot write " + key + " to bucket " + bucket, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new StoredObject(key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // HEAD answers carry no error body, so a missing key arrives as a bare 404.
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new StorageException("cannot read " + key + " from bucket " + bucket, e);
        } catch (SdkException | UncheckedIOException e) {
            throw new StorageException("cannot read " + key + " from bucket " + bucket, e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        if (length <= 0) {
            // "bytes=x-(x-1)" is not a valid range; an empty read needs no request at all.
            return InputStream.nullInputStream();
        }
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key)
                .range("bytes=" + offset + "-" + (offset + length - 1)).build();
        try {
            // The SDK hands back the live HTTP body: bytes flow through, nothing is buffered whole.
            return client.getObject(request);
        } catch (NoSuchKeyException e) {
            throw new NoSuchObjectException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchObjectException(key);
            }
            throw new StorageException("cannot read " + key + " from bucket " + bucket, e);
        } catch (SdkException | UncheckedIOException e) {
            throw new StorageException("cannot read " + key + " from bucket " + bucket, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException | UncheckedIOException e) {
            throw new StorageException("cannot delete " + key + " from bucket " + bucket, e);
        }
    }

    @Override
    public Optional<URI> presignedUrl(String key, Duration ttl, Optional<String> downloadName) {
        try {
            var presigned = presigner.presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(get -> {
                get.bucket(bucket).key(key).responseContentType("audio/wav")
                        .responseCacheControl("public, max-age=31536000, immutable");
                downloadName.ifPresent(name -> get.responseContentDisposition("attachment; filename=\"" + name + "\""));
            }));
            return Optional.of(presigned.url().toURI());
        } catch (SdkException | java.net.URISyntaxException e) {
            throw new StorageException("cannot presign " + key, e);
        }
    }
}
