package dev.sticker.engine.image;

import dev.sticker.engine.image.Decoding.Decoded;
import dev.sticker.engine.image.Decoding.Reason;
import dev.sticker.engine.image.Decoding.Refused;
import dev.sticker.formats.ImageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes photo bytes into an upright RGB image. The format comes from the magic number; the dimensions come from
 * the header and are checked before any pixel is read, so a hostile header cannot make the decoder allocate.
 * Large photos are read with source subsampling so the working image stays near {@link #WORKING_SIDE} pixels.
 */
public final class PhotoDecoder {

    public static final long MAX_PIXELS = 40_000_000L;
    public static final int MIN_SIDE = 32;
    /** The longest side the pipeline needs: the head crop is a fraction of the photo. */
    public static final int WORKING_SIDE = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(PhotoDecoder.class);

    static {
        // Decode from memory only: no temporary files (a function's disk is small and shared).
        ImageIO.setUseCache(false);
    }

    private PhotoDecoder() {
    }

    /**
     * Finds and loads a reader for every supported format: the plugin registry is scanned and the readers' classes
     * (and the JPEG reader's native library) are loaded once, here, rather than during the first photo's decoding.
     * A format without a reader is left to {@link #decode} to refuse.
     */
    public static void prepareReaders() {
        for (ImageType format : ImageType.values()) {
            ImageReader reader = readerFor(format);
            if (reader != null) {
                reader.dispose();
            }
        }
    }

    /** Decodes with source subsampling so that the longer side is at most {@link #WORKING_SIDE}. */
    public static Decoding decode(byte[] bytes) {
        return decode(bytes, WORKING_SIDE);
    }

    /**
     * Decodes with the smallest whole-number source subsampling that brings the longer side to at most
     * {@code maxSide} pixels.
     */
    public static Decoding decode(byte[] bytes, int maxSide) {
        if (bytes == null || bytes.length == 0) {
            return new Refused(Reason.UNREADABLE, "the image is empty (zero bytes)");
        }
        var format = ImageType.sniff(bytes);
        if (format.isEmpty()) {
            return new Refused(Reason.UNREADABLE,
                    "the data is not a supported image (expected JPEG, PNG, WebP, GIF or BMP)");
        }
        try {
            return decode(bytes, format.get(), maxSide);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} decoding failed", format.get(), e);
            return new Refused(Reason.UNREADABLE, "the " + format.get() + " image is corrupt or truncated: "
                    + describe(e));
        }
    }

    private static Decoding decode(byte[] bytes, ImageType format, int maxSide) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(format);
            if (reader == null) {
                return new Refused(Reason.UNREADABLE, "no decoder is available for " + format + " images");
            }
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    return new Refused(Reason.UNREADABLE, "the " + format + " header declares no pixels");
                }
                if ((long) width * height > MAX_PIXELS) {
                    return new Refused(Reason.TOO_LARGE, "the image is " + width + "x" + height
                            + " pixels; the limit is 40 megapixels");
                }
                if (width < MIN_SIDE || height < MIN_SIDE) {
                    return new Refused(Reason.TOO_SMALL, "the image is " + width + "x" + height
                            + " pixels; each side must be at least " + MIN_SIDE);
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(collecting(warnings));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, (Math.max(width, height) + maxSide - 1) / maxSide);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage read = reader.read(0, param);
                if (warnings.stream().anyMatch(PhotoDecoder::meansTruncated)) {
                    return new Refused(Reason.UNREADABLE, "the " + format + " image is truncated: "
                            + warnings.get(0));
                }
                int orientation = format == ImageType.JPEG ? ExifOrientation.ofJpeg(bytes) : ExifOrientation.NORMAL;
                RgbImage upright = ExifOrientation.apply(toRgb(read), orientation);
                return new Decoded(upright, format, width, height, orientation);
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageReader readerFor(ImageType format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.formatName());
        return readers.hasNext() ? readers.next() : null;
    }

    private static IIOReadWarningListener collecting(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    private static boolean meansTruncated(String warning) {
        String text = warning.toLowerCase(Locale.ROOT);
        return text.contains("premature end") || text.contains("truncated") || text.contains("corrupt");
    }

    /** Flattens any decoded type (CMYK-converted, 16-bit, palette, alpha) onto white as packed RGB. */
    private static RgbImage toRgb(BufferedImage read) {
        if (read.getType() == BufferedImage.TYPE_INT_RGB) {
            return RgbImage.of(read);
        }
        BufferedImage rgb = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = rgb.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, read.getWidth(), read.getHeight());
            graphics.drawImage(read, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return RgbImage.of(rgb);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
