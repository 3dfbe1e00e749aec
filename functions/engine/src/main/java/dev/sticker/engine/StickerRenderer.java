package dev.sticker.engine;

import dev.sticker.engine.cut.DieCut;
import dev.sticker.engine.cut.StickerComposer;
import dev.sticker.engine.cut.SubjectMask;
import dev.sticker.engine.image.Affine;
import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.RgbImage;
import dev.sticker.engine.image.Sampler;
import dev.sticker.engine.png.PngEncoder;
import dev.sticker.engine.prompt.PromptStyle;
import dev.sticker.engine.prompt.StyleKeywords;
import dev.sticker.engine.safety.SkinExposure;
import dev.sticker.engine.style.Palette;
import dev.sticker.engine.style.StyleSettings;
import dev.sticker.engine.style.Stylizer;
import java.util.Arrays;

/** Every stage after the face is found: segment, frame, refine, stylise, cut, compose, encode. */
final class StickerRenderer {

    private final PersonMask personMask;
    private final Stylizer stylizer;
    private final Parallelism parallelism;
    private final PngEncoder png;

    StickerRenderer(PersonMask personMask, Stylizer stylizer, Parallelism parallelism) {
        this.personMask = personMask;
        this.stylizer = stylizer;
        this.parallelism = parallelism;
        this.png = new PngEncoder(parallelism);
    }

    Sticker render(RgbImage photo, FacePosition face, StickerParams params, Progress progress) {
        int scale = params.upscale() ? 2 : 1;
        int width = params.width() * scale;
        int height = params.height() * scale;
        PromptStyle prompt = StyleKeywords.parse(params.prompt(), params.negativePrompt());
        progress.log("style keywords: " + (prompt.applied().isEmpty() ? "none" : String.join(", ", prompt.applied())));
        Palette palette = Palette.fromSeed(params.seed());
        Framing framing = new Framing(face);

        progress.log("segmenting person");
        byte[] region = subjectInCrop(photo, framing);
        int[] box = boundingBox(region, Framing.MASK_SIDE, Framing.MASK_SIDE);
        DieCut.Geometry geometry = ParameterMapping.cutGeometry(width, height, palette);
        Framing.Fit fit = framing.fit(box[0], box[1], box[2], box[3], width, height,
                ParameterMapping.margin(geometry, width, height));
        RgbImage portrait = Sampler.sample(photo, fit.outputToPhoto(), width, height, null, parallelism);
        byte[] subject = subjectOnCanvas(portrait, region, fit, width, height);

        boolean flagged = false;
        if (params.enableSafetyChecker()) {
            double faceWidth = face.width() * fit.scale();
            SkinExposure.Verdict verdict = SkinExposure.judge(portrait.pixels(), subject, width, height,
                    (int) Math.round(fit.faceY() + 0.75 * faceWidth), faceWidth * faceWidth);
            flagged = verdict.flagged();
            progress.log(String.format("safety check: %.0f%% skin-coloured below the face%s",
                    100 * verdict.skinShare(), flagged ? " (flagged, image blurred)" : ""));
        }

        progress.log("stylising");
        StyleSettings style = ParameterMapping.style(params, prompt, palette);
        RgbImage artwork = stylizer.stylize(portrait, style, parallelism);
        if (flagged) {
            StickerComposer.obscure(artwork.pixels(), width, height, parallelism);
        }

        progress.log("cutting outline");
        DieCut.Shape shape = DieCut.cut(subject, width, height, geometry, parallelism);
        StickerComposer.Layers layers = StickerComposer.compose(artwork.pixels(), shape, width, height,
                prompt.borderColor().orElse(0xFFFFFF), palette.background(), prompt.shadow(), parallelism);

        progress.log("encoding PNG");
        byte[] stickerPng = png.rgb(layers.sticker(), width, height);
        byte[] cutoutPng = png.rgba(layers.cutout(), width, height);
        return new Sticker(stickerPng, cutoutPng, width, height, params.seed(), flagged, flagged);
    }

    /**
     * The person region in the square crop around the face: the segmenter's probability, restricted to the photo
     * and to head and shoulders, thresholded, the part under the face, holes filled. Falls back to an ellipse
     * around the face when the segmenter finds no one there.
     */
    private byte[] subjectInCrop(RgbImage photo, Framing framing) {
        int side = Framing.MASK_SIDE;
        float[] inside = new float[side * side];
        RgbImage crop = Sampler.sample(photo, framing.cropToPhoto(), side, side, inside, parallelism);
        float[] probability = personMask.segment(crop.toBufferedImage());
        for (int i = 0; i < inside.length; i++) {
            probability[i] *= inside[i];
        }
        Arrays.fill(probability, framing.shouldersRow() * side, side * side, 0f);
        double[] faceAt = framing.faceInCrop();
        byte[] region = SubjectMask.regionAt(probability, side, side, (int) faceAt[0], (int) faceAt[1]);
        if (boundingBox(region, side, side)[2] < 0 || !containsNear(region, side, faceAt)) {
            region = faceEllipse(framing, faceAt);
        }
        return region;
    }

    /** The crop region brought to the canvas, its edges refined along the portrait's edges and re-thresholded. */
    private byte[] subjectOnCanvas(RgbImage portrait, byte[] region, Framing.Fit fit, int width, int height) {
        int side = Framing.MASK_SIDE;
        float[] coarse = new float[side * side];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = region[i];
        }
        int factor = SubjectMask.refineFactor(width, height);
        int lowWidth = (width + factor - 1) / factor;
        int lowHeight = (height + factor - 1) / factor;
        Affine lowToCrop = fit.outputToCrop().after(Affine.scaleTranslate(factor, factor, 0, 0));
        float[] lowCoverage = Sampler.sample(coarse, side, side, lowToCrop, lowWidth, lowHeight, parallelism);
        float[] guide = new float[width * height];
        int[] pixels = portrait.pixels();
        for (int i = 0; i < guide.length; i++) {
            int p = pixels[i];
            guide[i] = (0.299f * ((p >> 16) & 255) + 0.587f * ((p >> 8) & 255) + 0.114f * (p & 255)) / 255f;
        }
        float[] refined = SubjectMask.refine(guide, lowCoverage, width, height, factor, parallelism);
        int bottom = (int) Math.min(height, Math.max(0, Math.round(fit.bottom())));
        Arrays.fill(refined, bottom * width, width * height, 0f);
        byte[] subject = SubjectMask.regionAt(refined, width, height, (int) fit.faceX(), (int) fit.faceY());
        if (boundingBox(subject, width, height)[2] < 0) {
            float[] unrefined = Sampler.resize(lowCoverage, lowWidth, lowHeight, width, height, parallelism);
            Arrays.fill(unrefined, bottom * width, width * height, 0f);
            subject = SubjectMask.regionAt(unrefined, width, height, (int) fit.faceX(), (int) fit.faceY());
        }
        return subject;
    }

    private static boolean containsNear(byte[] region, int side, double[] at) {
        int x = (int) Math.min(side - 1, Math.max(0, at[0]));
        int y = (int) Math.min(side - 1, Math.max(0, at[1]));
        return region[y * side + x] == SubjectMask.SUBJECT;
    }

    private static byte[] faceEllipse(Framing framing, double[] faceAt) {
        int side = Framing.MASK_SIDE;
        double perPixel = side / (Framing.CROP_FACES * framing.face().width());
        double rx = 0.65 * framing.face().width() * perPixel;
        double ry = 0.85 * framing.face().width() * perPixel;
        byte[] region = new byte[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double dx = (x + 0.5 - faceAt[0]) / rx;
                double dy = (y + 0.5 - faceAt[1]) / ry;
                if (dx * dx + dy * dy <= 1) {
                    region[y * side + x] = SubjectMask.SUBJECT;
                }
            }
        }
        return region;
    }

    /** {@code {x0, y0, x1, y1}} (exclusive ends) of the subject pixels, or {@code x1 = -1} when there are none. */
    private static int[] boundingBox(byte[] mask, int width, int height) {
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (mask[y * width + x] == SubjectMask.SUBJECT) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        return new int[] {x0, y0, x1, y1};
    }
}
