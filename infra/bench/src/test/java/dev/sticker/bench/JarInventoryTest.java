package dev.sticker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarInventoryTest {

    @Test
    void groupsEntriesByLeadingDirectoriesLargestFirst(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            // Random bytes do not compress, so compressed sizes follow the sizes written.
            write(zip, "software/amazon/awssdk/services/s3/S3Client.class", 30_000);
            write(zip, "software/amazon/awssdk/services/s3/model/GetObjectRequest.class", 15_000);
            write(zip, "software/amazon/awssdk/services/sqs/SqsClient.class", 12_000);
            write(zip, "software/amazon/awssdk/core/SdkBytes.class", 20_000);
            write(zip, "io/micronaut/core/Annotation.class", 10_000);
            write(zip, "io/micronaut/inject/Bean.class", 5_000);
            write(zip, "module-info.class", 100);
        }
        List<JarInventory.Group> groups = JarInventory.largest(jar, 3, 4);
        assertEquals(List.of("software/amazon/awssdk/services/s3", "software/amazon/awssdk",
                "software/amazon/awssdk/services/sqs", "io/micronaut/core"),
                groups.stream().map(JarInventory.Group::prefix).toList());
        long s3Bytes = groups.get(0).compressedBytes();
        assertTrue(s3Bytes > 45_000 && s3Bytes < 46_000, "compressed bytes " + s3Bytes);
    }

    @Test
    void prefixStopsAtTheDirectoriesAnEntryHas() {
        assertEquals("com/fasterxml", JarInventory.prefix("com/fasterxml/Json.class", 3));
        assertEquals("(root)", JarInventory.prefix("module-info.class", 3));
        assertEquals("software/amazon/awssdk/services/ssm",
                JarInventory.prefix("software/amazon/awssdk/services/ssm/model/GetParameterRequest.class", 3));
    }

    private static void write(ZipOutputStream zip, String name, int size) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        zip.write(bytes);
        zip.closeEntry();
    }
}
