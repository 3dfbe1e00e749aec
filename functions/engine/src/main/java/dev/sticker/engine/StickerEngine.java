package dev.sticker.engine;

import dev.sticker.engine.RenderOutcome.Rejected;
import dev.sticker.engine.RenderOutcome.Rendered;
import dev.sticker.engine.image.Decoding;
import dev.sticker.engine.image.Decoding.Decoded;
import dev.sticker.engine.image.Decoding.Refused;
import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.PhotoDecoder;
import dev.sticker.engine.style.CartoonStylizer;
import dev.sticker.engine.image.RgbImage;
import dev.sticker.engine.vision.Face;
import dev.sticker.engine.vision.FaceChoice;
import dev.sticker.engine.vision.FaceFinder;
import dev.sticker.engine.vision.PersonSegmenter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in CPU sticker engine. Load once (models are read and verified, and image decoders loaded, then), share
 * across threads.
 */
public final class StickerEngine implements AutoCloseable {

    /** Output sides the engine accepts, before the optional 2x upscale. */
    public static final int MIN_SIDE = 64;
    public static final int MAX_SIDE = 2048;

    /**
     * The narrowest face, in the photo's own pixels, the engine promises to find anywhere in a photo up to the
     * 40-megapixel limit.
     */
    public static final int SMALLEST_FACE = 40;
    /**
     * The coarsest source subsampling the small-face search works from: at 2 a 40-pixel face is still 20 pixels,
     * enough detail for the detector; larger photos are decoded again at this subsampling for it.
     */
    private static final double MAX_SMALL_FACE_SUBSAMPLING = 2;

    private static final Logger LOG = LoggerFactory.getLogger(StickerEngine.class);

    private final FaceFinder faceFinder;
    private final StickerRenderer renderer;
    private final Parallelism parallelism;

    private StickerEngine(FaceFinder faceFinder, PersonSegmenter segmenter, Parallelism parallelism) {
        this.faceFinder = faceFinder;
        this.parallelism = parallelism;
        this.renderer = new StickerRenderer(segmenter::segment, new CartoonStylizer(), parallelism);
    }

    /** Loads the models and the image decoders, and uses every available processor for the pixel work. */
    public static StickerEngine load() {
        return load(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads the models and the image decoders, and uses {@code threads} threads for the pixel work (1 = the calling
     * thread only).
     */
    public static StickerEngine load(int threads) {
        PhotoDecoder.prepareReaders();
        return new StickerEngine(FaceFinder.load(), PersonSegmenter.load(), Parallelism.of(threads));
    }

    public RenderOutcome render(byte[] photo, StickerParams params, Progress progress) {
        try {
            return renderChecked(photo, params, progress);
        } catch (RuntimeException e) {
            LOG.error("render failed", e);
            return new Rejected("internal_error", "the engine could not render this image");
        }
    }

    private RenderOutcome renderChecked(byte[] photo, StickerParams params, Progress progress) {
        if (params.width() < MIN_SIDE || params.height() < MIN_SIDE || params.width() > MAX_SIDE
                || params.height() > MAX_SIDE) {
            return new Rejected("value_error.image_size", "width and height must each be between " + MIN_SIDE
                    + " and " + MAX_SIDE + " pixels, got " + params.width() + "x" + params.height());
        }
        Decoding decoding = PhotoDecoder.decode(photo);
        if (decoding instanceof Refused refused) {
            return new Rejected(errorType(refused.reason()), refused.message());
        }
        Decoded decoded = (Decoded) decoding;
        progress.log("decoding image (" + decoded.sourceWidth() + "x" + decoded.sourceHeight() + " "
                + decoded.format() + ")");

        progress.log("detecting face");
        RgbImage image = decoded.image();
        double sourcePerPixel = decoded.sourcePixelsPerPixel();
        List<Face> faces = faceFinder.faces(image);
        if (faces.isEmpty()) {
            progress.log("looking for small faces");
            if (sourcePerPixel > MAX_SMALL_FACE_SUBSAMPLING) {
                Decoding detail = PhotoDecoder.decode(photo, (int) Math.ceil(
                        Math.max(decoded.sourceWidth(), decoded.sourceHeight()) / MAX_SMALL_FACE_SUBSAMPLING));
                if (detail instanceof Decoded finer) {
                    image = finer.image();
                    sourcePerPixel = finer.sourcePixelsPerPixel();
                }
            }
            faces = faceFinder.smallFaces(image, SMALLEST_FACE / sourcePerPixel, parallelism);
        }
        if (faces.isEmpty()) {
            return new Rejected("value_error.no_face", "no face detected in the image");
        }
        FaceChoice choice = FaceChoice.of(faces, image.width(), image.height());
        Face face = choice.face();
        progress.log(String.format("face found (%.0fx%.0f at %.0f,%.0f, score %.2f; %s)",
                face.width() * sourcePerPixel, face.height() * sourcePerPixel, face.x() * sourcePerPixel,
                face.y() * sourcePerPixel, face.score(), choice.reason()));
        FacePosition position = FacePosition.of(face.x(), face.y(), face.width(), face.height(), face.rightEyeX(),
                face.rightEyeY(), face.leftEyeX(), face.leftEyeY());
        Sticker sticker = renderer.render(image, position, params, progress);
        return new Rendered(sticker);
    }

    /** Stops the engine's worker threads; a closed engine must not render again. */
    @Override
    public void close() {
        parallelism.close();
    }

    private static String errorType(Decoding.Reason reason) {
        return switch (reason) {
            case UNREADABLE -> "value_error.image_unreadable";
            case TOO_LARGE -> "value_error.image_too_large";
            case TOO_SMALL -> "value_error.image_too_small";
        };
    }
}
