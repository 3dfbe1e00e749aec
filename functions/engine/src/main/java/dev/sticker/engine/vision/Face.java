package dev.sticker.engine.vision;

/**
 * A face in source-image pixel coordinates: (x, y) is the top-left corner of the face box. The right eye is the
 * person's right eye, which in an unmirrored photo is the one further left in the image.
 */
public record Face(float x, float y, float width, float height, float score,
                   float rightEyeX, float rightEyeY, float leftEyeX, float leftEyeY) {

    public float centerX() {
        return x + width / 2;
    }

    public float centerY() {
        return y + height / 2;
    }

    /** The tilt of the line from the right eye to the left eye, in radians; 0 when the eyes are level. */
    public double eyeLineAngle() {
        return Math.atan2(leftEyeY - rightEyeY, leftEyeX - rightEyeX);
    }
}
