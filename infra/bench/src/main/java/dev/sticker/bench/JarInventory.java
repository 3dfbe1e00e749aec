package dev.sticker.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What takes the space in a jar: compressed bytes per package prefix of a few path segments. Under an umbrella
 * package holding many libraries (the SDK's services) the group is the library one level below it.
 */
final class JarInventory {

    private static final List<String> UMBRELLAS = List.of("software/amazon/awssdk/services/");

    /** One group of entries, e.g. {@code software/amazon/awssdk/services}. */
    record Group(String prefix, long compressedBytes) {
    }

    private JarInventory() {
    }

    /** The largest groups first, entries grouped by their first {@code depth} directory names. */
    static List<Group> largest(Path jar, int depth, int limit) {
        Map<String, Long> bytes = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().filter(entry -> !entry.isDirectory())
                    .forEach(entry -> bytes.merge(prefix(entry.getName(), depth), compressedSize(entry), Long::sum));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return bytes.entrySet().stream()
                .map(entry -> new Group(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(Group::compressedBytes).reversed().thenComparing(Group::prefix))
                .limit(limit)
                .toList();
    }

    static String prefix(String entryName, int depth) {
        for (String umbrella : UMBRELLAS) {
            int end = entryName.indexOf('/', umbrella.length());
            if (entryName.startsWith(umbrella) && end > 0) {
                return entryName.substring(0, end);
            }
        }
        String[] parts = entryName.split("/");
        int directories = parts.length - 1;
        if (directories == 0) {
            return "(root)";
        }
        return String.join("/", Arrays.copyOf(parts, Math.min(depth, directories)));
    }

    private static long compressedSize(ZipEntry entry) {
        return Math.max(0, entry.getCompressedSize());
    }
}
