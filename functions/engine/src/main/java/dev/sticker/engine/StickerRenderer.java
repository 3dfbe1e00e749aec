package dev.sticker.engine;

import dev.sticker.engine.cut.DieCut;
import dev.sticker.engine.cut.StickerComposer;
import dev.sticker.engine.cut.SubjectMask;
import dev.sticker.engine.image.Affine;
import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.Pyramid;
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
        Pyramid pyramid = new Pyramid(photo, parallelism);

        progress.log("segmenting person");
        byte[] region = subjectInCrop(pyramid, framing);
        float[] coverage = new float[region.length];
        for (int i = 0; i < region.length; i++) {
            coverage[i] = region[i];
        }
        DieCut.Geometry geometry = ParameterMapping.cutGeometry(width, height, palette);
        Framing.Fit fit = framing.fit(framing.frame(coverage), width, height,
                ParameterMapping.margin(geometry, width, height));
        RgbImage portrait = pyramid.sample(fit.outputToPhoto(), width, height, null);
        byte[] subject = subjectOnCanvas(portrait, region, fit, width, height);

        boolean flagged = false;
        if (params.enableSafetyChecker()) {
            double faceWidth = fit.scale();
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
        int borderColor = prompt.borderColor().orElse(0xFFFFFF);
        int[] artworkPixels = artwork.pixels();

        progress.log("encoding PNG");
        // composed strip by strip as the encoder asks: neither output is ever held whole
        byte[][] pngs = png.rgbAndRgba((y0, y1, sticker, cutout) -> StickerComposer.composeRows(artworkPixels,
                shape, borderColor, palette.background(), prompt.shadow(), y0, y1, sticker, cutout), width, height);
        byte[] stickerPng = pngs[0];
        byte[] cutoutPng = pngs[1];
        return new Sticker(stickerPng, cutoutPng, width, height, params.seed(), flagged, flagged);
    }

    /**
     * The person in the square crop around the face: the segmenter's probability, restricted to the photo and to
     * the person-shaped prior around the face (head, and the body below it down to the shoulders), thresholded, the
     * region connected to the face, holes filled. Falls back to an ellipse around the face when the segmenter finds
     * no one there.
     */
    private byte[] subjectInCrop(Pyramid pyramid, Framing framing) {
        int side = Framing.MASK_SIDE;
        float[] inside = new float[side * side];
        RgbImage crop = pyramid.sample(framing.cropToPhoto(), side, side, inside);
        float[] probability = personMask.segment(crop);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                probability[y * side + x] *= inside[y * side + x] * Framing.prior(x, y);
            }
        }
        double[] faceAt = framing.faceInCrop();
        byte[] region = SubjectMask.regionAt(probability, side, side, (int) faceAt[0], (int) faceAt[1]);
        if (isEmpty(region) || !containsNear(region, side, faceAt)) {
            region = faceEllipse(faceAt);
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
        byte[] above = SubjectMask.refine(portrait, lowCoverage, factor, parallelism);
        int[] keep = fit.keep(width, height);
        keepOnly(above, width, height, keep);
        byte[] subject = SubjectMask.regionOf(above, width, height, (int) fit.faceX(), (int) fit.faceY());
        if (isEmpty(subject)) {
            float[] unrefined = Sampler.resize(lowCoverage, lowWidth, lowHeight, width, height, parallelism);
            byte[] coarseAbove = new byte[width * height];
            for (int i = 0; i < coarseAbove.length; i++) {
                coarseAbove[i] = unrefined[i] >= 0.5f ? SubjectMask.SUBJECT : SubjectMask.BACKGROUND;
            }
            keepOnly(coarseAbove, width, height, keep);
            subject = SubjectMask.regionOf(coarseAbove, width, height, (int) fit.faceX(), (int) fit.faceY());
        }
        return subject;
    }

    /** Clears {@code mask} outside the rectangle {@code {x0, y0, x1, y1}}. */
    private static void keepOnly(byte[] mask, int width, int height, int[] rectangle) {
        for (int y = 0; y < height; y++) {
            int row = y * width;
            if (y < rectangle[1] || y >= rectangle[3]) {
                Arrays.fill(mask, row, row + width, SubjectMask.BACKGROUND);
            } else {
                Arrays.fill(mask, row, row + Math.min(width, rectangle[0]), SubjectMask.BACKGROUND);
                Arrays.fill(mask, row + Math.max(0, rectangle[2]), row + width, SubjectMask.BACKGROUND);
            }
        }
    }

    private static boolean isEmpty(byte[] mask) {
        for (byte b : mask) {
            if (b == SubjectMask.SUBJECT) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsNear(byte[] region, int side, double[] at) {
        int x = (int) Math.min(side - 1, Math.max(0, at[0]));
        int y = (int) Math.min(side - 1, Math.max(0, at[1]));
        return region[y * side + x] == SubjectMask.SUBJECT;
    }

    private static byte[] faceEllipse(double[] faceAt) {
        int side = Framing.MASK_SIDE;
        double perFaceWidth = side / Framing.CROP_FACES;
        double rx = 0.65 * perFaceWidth;
        double ry = 0.85 * perFaceWidth;
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
}
