package dev.sticker.engine.vision;

import java.util.List;

/**
 * Which face becomes the sticker when a photo has several: the largest, unless others are nearly as large (at least
 * {@value #SIMILAR_SIZE} of its width), in which case the one of those nearest the centre of the photo, the way a
 * photographer frames the person who matters. Ties go to the wider face, then to the one found first.
 *
 * @param face the chosen face
 * @param found how many faces there were
 * @param similar how many of them (the chosen one included) were nearly as large as the largest
 */
public record FaceChoice(Face face, int found, int similar) {

    /** A face at least this fraction of the largest face's width competes with it on closeness to the centre. */
    public static final double SIMILAR_SIZE = 0.8;

    /** Chooses among {@code faces} (not empty) in an image of the given size. */
    public static FaceChoice of(List<Face> faces, int width, int height) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no faces to choose from");
        }
        float largest = 0;
        for (Face face : faces) {
            largest = Math.max(largest, face.width());
        }
        Face chosen = null;
        double chosenDistance = Double.MAX_VALUE;
        int similar = 0;
        for (Face face : faces) {
            if (face.width() < SIMILAR_SIZE * largest) {
                continue;
            }
            similar++;
            double distance = Math.hypot(face.centerX() - width / 2.0, face.centerY() - height / 2.0);
            if (chosen == null || distance < chosenDistance
                    || distance == chosenDistance && face.width() > chosen.width()) {
                chosen = face;
                chosenDistance = distance;
            }
        }
        return new FaceChoice(chosen, faces.size(), similar);
    }

    /** How the face was chosen, for the progress line. */
    public String reason() {
        if (found == 1) {
            return "the only face";
        }
        if (similar == 1) {
            return "the largest of " + found + " faces";
        }
        return "nearest the centre of " + similar + " faces of similar size (" + found + " found)";
    }
}
