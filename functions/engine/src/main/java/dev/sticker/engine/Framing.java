package dev.sticker.engine;

import dev.sticker.engine.image.Affine;

/**
 * The geometry of a sticker, decided from the face. Everything is expressed in a "level" frame: origin at the face
 * centre, the eye line horizontal, the face width as the unit. The photo's resolution never enters it, so the same
 * photo at another size, compression or EXIF orientation is framed the same way.
 *
 * <p>The person is looked for in a square crop {@value #CROP_FACES} face widths wide. Only what lies inside a
 * person-shaped prior around the face counts: the head (up to {@value #HEAD_HALF_WIDTH} face widths either side of
 * the face centre) and the body below it, widening from the neck to the shoulders. The sticker shows head and
 * shoulders: it ends {@value #SHOULDERS} face widths below the face centre. Its sides and top come from the
 * subject's smooth extent: profiles of the subject's coverage summed along columns and rows, followed outward from
 * the face until they fall below a threshold. A profile changes little when a few pixels change, unlike a bounding
 * box, so an object that touches the person at a few pixels does not move the frame.
 */
final class Framing {

    static final int MASK_SIDE = 256;
    static final double CROP_FACES = 6.0;
    /** The crop starts this many face widths above the face centre (room for hair and hats). */
    static final double CROP_ABOVE = 2.2;
    /** The sticker ends this many face widths below the face centre: head and shoulders. */
    static final double SHOULDERS = 2.4;
    /** Half the width the head and hair may take, in face widths. */
    static final double HEAD_HALF_WIDTH = 1.35;
    /** Below this many face widths under the face centre (the chin) the body prior starts widening. */
    static final double NECK = 0.3;
    /** Half the width the shoulders may take, reached this far below the face centre. */
    static final double BODY_HALF_WIDTH = 2.5;
    static final double BODY_WIDEST_AT = 1.5;
    /** Over this distance (face widths) the prior fades from 1 to 0, so a shift of the face moves it smoothly. */
    static final double PRIOR_SOFTNESS = 0.3;
    /**
     * A column belongs to the frame while the subject covers at least this many face widths of it, counted down to
     * {@link #COLUMNS_END}: a shoulder does, a thin strip of something leaning against the person does not.
     */
    static final double COLUMN_COVERAGE = 0.3;
    /**
     * Columns are summed down to this many face widths below the face centre, short of the bottom cut: what enters
     * the crop only along its bottom edge (an object in front of the chest, the top of something beside the person)
     * does not widen the frame.
     */
    static final double COLUMNS_END = 1.8;
    /** A row belongs to the frame while the subject covers at least this many face widths of it. */
    static final double ROW_COVERAGE = 0.15;
    /** Nearest the frame's sides and top may come to the face centre, and farthest they may go, in face widths. */
    static final double MIN_HALF_WIDTH = 0.75;
    static final double MAX_HALF_WIDTH = 2.6;
    static final double MIN_ABOVE = 0.8;
    /**
     * Subject pixels farther than this outside the frame (face widths) are cut off, so whatever the profiles left
     * out cannot run into the canvas edge.
     */
    static final double FRAME_SLACK = 0.15;

    private final FacePosition face;

    Framing(FacePosition face) {
        this.face = face;
    }

    /** Level frame (face widths) to photo pixels: a scale by the face width and a rotation by the tilt. */
    Affine levelToPhoto() {
        double cos = Math.cos(face.tilt()) * face.width();
        double sin = Math.sin(face.tilt()) * face.width();
        return new Affine(cos, -sin, face.centerX(), sin, cos, face.centerY());
    }

    /** Crop pixels ({@link #MASK_SIDE} square) to the level frame. */
    Affine cropToLevel() {
        double unit = CROP_FACES / MASK_SIDE;
        return Affine.scaleTranslate(unit, unit, -CROP_FACES / 2, -CROP_ABOVE);
    }

    Affine levelToCrop() {
        double perUnit = MASK_SIDE / CROP_FACES;
        return Affine.scaleTranslate(perUnit, perUnit, CROP_FACES / 2 * perUnit, CROP_ABOVE * perUnit);
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
     * How much the crop pixel {@code (x, y)} may belong to the person, in [0, 1]: 1 inside the head-and-body
     * shape, fading to 0 over {@link #PRIOR_SOFTNESS} outside it, 0 below the shoulders.
     */
    static float prior(int x, int y) {
        double u = (x + 0.5) * CROP_FACES / MASK_SIDE - CROP_FACES / 2;
        double v = (y + 0.5) * CROP_FACES / MASK_SIDE - CROP_ABOVE;
        if (v > SHOULDERS) {
            return 0f;
        }
        double halfWidth = v <= NECK ? HEAD_HALF_WIDTH
                : HEAD_HALF_WIDTH + (BODY_HALF_WIDTH - HEAD_HALF_WIDTH) * Math.min(1, (v - NECK) / (BODY_WIDEST_AT
                        - NECK));
        double inside = (halfWidth - Math.abs(u)) / PRIOR_SOFTNESS + 0.5;
        return (float) Math.max(0, Math.min(1, inside));
    }

    /**
     * The frame around a subject given as coverage in [0, 1] on the crop grid: sides and top where the column and
     * row profiles, followed outward from the face, fall below their thresholds (interpolated between pixels), kept
     * within face-relative limits; the bottom at {@link #SHOULDERS}.
     */
    Box frame(float[] coverage) {
        int side = MASK_SIDE;
        double unit = CROP_FACES / side;
        int bottomRow = shouldersRow();
        int columnsEnd = (int) Math.round((CROP_ABOVE + COLUMNS_END) / unit);
        double[] columns = new double[side];
        double[] rows = new double[side];
        for (int y = 0; y < bottomRow; y++) {
            for (int x = 0; x < side; x++) {
                double c = coverage[y * side + x] * unit;
                rows[y] += c;
                if (y < columnsEnd) {
                    columns[x] += c;
                }
            }
        }
        double[] faceAt = faceInCrop();
        double left = edge(columns, faceAt[0], -1, COLUMN_COVERAGE) * unit - CROP_FACES / 2;
        double right = edge(columns, faceAt[0], 1, COLUMN_COVERAGE) * unit - CROP_FACES / 2;
        double top = edge(rows, faceAt[1], -1, ROW_COVERAGE) * unit - CROP_ABOVE;
        return new Box(clamp(left, -MAX_HALF_WIDTH, -MIN_HALF_WIDTH), clamp(top, -CROP_ABOVE, -MIN_ABOVE),
                clamp(right, MIN_HALF_WIDTH, MAX_HALF_WIDTH), SHOULDERS);
    }

    /**
     * Walking from {@code from} (a pixel position) in {@code direction}, the position where {@code profile} first
     * drops below {@code threshold}, linearly interpolated between pixel centres; the array's end if it never does.
     */
    private static double edge(double[] profile, double from, int direction, double threshold) {
        int i = (int) Math.min(profile.length - 1, Math.max(0, from));
        double previous = profile[i];
        for (i += direction; i >= 0 && i < profile.length; i += direction) {
            if (profile[i] < threshold) {
                double t = previous > profile[i] ? (previous - threshold) / (previous - profile[i]) : 0;
                return i + 0.5 - direction * (1 - Math.max(0, Math.min(1, t)));
            }
            previous = profile[i];
        }
        return direction < 0 ? 0 : profile.length;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    /** A rectangle in the level frame, in face widths: {@code left < right}, {@code top < bottom}. */
    record Box(double left, double top, double right, double bottom) {
    }

    /**
     * Fits {@code box} into a {@code width x height} canvas leaving {@code margin} pixels on every side, centred.
     */
    Fit fit(Box box, int width, int height, double margin) {
        double scale = Math.min((width - 2 * margin) / (box.right() - box.left()),
                (height - 2 * margin) / (box.bottom() - box.top()));
        double left = (width - scale * (box.right() - box.left())) / 2;
        double top = (height - scale * (box.bottom() - box.top())) / 2;
        Affine outputToLevel = Affine.scaleTranslate(1 / scale, 1 / scale, box.left() - left / scale,
                box.top() - top / scale);
        return new Fit(levelToPhoto().after(outputToLevel), levelToCrop().after(outputToLevel),
                left - box.left() * scale, top - box.top() * scale, box, left, top, scale);
    }

    /**
     * A fitted canvas: maps from output pixels to the photo and to the crop, the face centre in output pixels, the
     * box and where its top-left corner lands, and output pixels per face width.
     */
    record Fit(Affine outputToPhoto, Affine outputToCrop, double faceX, double faceY, Box box, double boxLeft,
               double boxTop, double scale) {

        /** The output row where the sticker is cut off (the shoulders). */
        double bottom() {
            return boxTop + scale * (box.bottom() - box.top());
        }

        /** Output pixel bounds {@code {x0, y0, x1, y1}} outside which no subject pixel is kept. */
        int[] keep(int width, int height) {
            double slack = FRAME_SLACK * scale;
            int x0 = (int) Math.max(0, Math.floor(boxLeft - slack));
            int y0 = (int) Math.max(0, Math.floor(boxTop - slack));
            int x1 = (int) Math.min(width, Math.ceil(boxLeft + scale * (box.right() - box.left()) + slack));
            int y1 = (int) Math.min(height, Math.round(bottom()));
            return new int[] {x0, y0, x1, y1};
        }
    }
}
