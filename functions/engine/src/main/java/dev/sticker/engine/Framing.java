package dev.sticker.engine;

import dev.sticker.engine.image.Affine;

/**
 * The geometry of a sticker. Everything is expressed through a "level" frame centred on the face, with the eye
 * line horizontal and photo pixels as the unit. The segmentation crop is a square {@value #CROP_FACES} face widths
 * wide around the face; the subject box found in it is fitted, centred, into the output canvas with a margin.
 */
final class Framing {

    static final int MASK_SIDE = 256;
    static final double CROP_FACES = 6.0;
    /** The crop starts this many face widths above the face centre (room for hair and hats). */
    static final double CROP_ABOVE = 2.2;
    /** The sticker ends this many face widths below the face centre: head and shoulders. */
    static final double SHOULDERS = 2.4;

    private final FacePosition face;
    private final double cropSide;

    Framing(FacePosition face) {
        this.face = face;
        this.cropSide = CROP_FACES * face.width();
    }

    FacePosition face() {
        return face;
    }

    /** Level frame to photo: a rotation by the tilt about the face centre. */
    Affine levelToPhoto() {
        double cos = Math.cos(face.tilt());
        double sin = Math.sin(face.tilt());
        return new Affine(cos, -sin, face.centerX(), sin, cos, face.centerY());
    }

    /** Crop pixels ({@link #MASK_SIDE} square) to the level frame. */
    Affine cropToLevel() {
        double unit = cropSide / MASK_SIDE;
        return Affine.scaleTranslate(unit, unit, -cropSide / 2, -CROP_ABOVE * face.width());
    }

    Affine levelToCrop() {
        double perUnit = MASK_SIDE / cropSide;
        return Affine.scaleTranslate(perUnit, perUnit, cropSide / 2 * perUnit, CROP_ABOVE * face.width() * perUnit);
    }

    Affine cropToPhoto() {
        return levelToPhoto().after(cropToLevel());
    }

    /** The crop row below which nothing belongs to the sticker. */
    int shouldersRow() {
        return (int) Math.round((CROP_ABOVE + SHOULDERS) / CROP_FACES * MASK_SIDE);
    }

    /** The face centre in crop pixels. */
    double[] faceInCrop() {
        Affine toCrop = levelToCrop();
        return new double[] {toCrop.x(0, 0), toCrop.y(0, 0)};
    }

    /**
     * Fits the crop-pixel box {@code [x0, x1) x [y0, y1)} into a {@code width x height} canvas leaving
     * {@code margin} pixels on every side, centred.
     */
    Fit fit(int x0, int y0, int x1, int y1, int width, int height, double margin) {
        Affine toLevel = cropToLevel();
        double u0 = toLevel.x(x0, 0);
        double u1 = toLevel.x(x1, 0);
        double v0 = toLevel.y(0, y0);
        double v1 = toLevel.y(0, y1);
        double scale = Math.min((width - 2 * margin) / (u1 - u0), (height - 2 * margin) / (v1 - v0));
        double left = (width - scale * (u1 - u0)) / 2;
        double top = (height - scale * (v1 - v0)) / 2;
        Affine outputToLevel = Affine.scaleTranslate(1 / scale, 1 / scale, u0 - left / scale, v0 - top / scale);
        return new Fit(levelToPhoto().after(outputToLevel), levelToCrop().after(outputToLevel),
                left - u0 * scale, top - v0 * scale, top + scale * (v1 - v0), scale);
    }

    /**
     * A fitted canvas: maps from output pixels to the photo and to the crop, the face centre in output pixels, the
     * output row where the subject is cut off, and output pixels per photo pixel.
     */
    record Fit(Affine outputToPhoto, Affine outputToCrop, double faceX, double faceY, double bottom, double scale) {
    }
}
