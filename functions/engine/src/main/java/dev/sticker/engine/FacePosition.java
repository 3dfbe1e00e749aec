package dev.sticker.engine;

/**
 * Where the face is in the decoded photo: its centre, its width, and the tilt of the eye line in radians
 * (positive turns clockwise in image coordinates), all in photo pixels.
 */
record FacePosition(double centerX, double centerY, double width, double tilt) {

    /** Tilts beyond this are more likely a landmark error than a real head tilt, so they are not corrected. */
    static final double MAX_TILT = Math.toRadians(35);

    /** The position of a face box with eye landmarks (eyes in either order; too-close eyes mean no tilt). */
    static FacePosition of(double x, double y, double width, double height, double eyeAx, double eyeAy,
                           double eyeBx, double eyeBy) {
        double dx = eyeBx - eyeAx;
        double dy = eyeBy - eyeAy;
        if (dx < 0) {
            dx = -dx;
            dy = -dy;
        }
        double tilt = 0;
        if (Math.hypot(dx, dy) >= 0.15 * width) {
            double angle = Math.atan2(dy, dx);
            tilt = Math.abs(angle) <= MAX_TILT ? angle : 0;
        }
        return new FacePosition(x + width / 2, y + height / 2, Math.max(width, 1), tilt);
    }
}
