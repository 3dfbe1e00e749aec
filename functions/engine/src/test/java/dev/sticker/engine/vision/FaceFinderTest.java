package dev.sticker.engine.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sticker.engine.image.RgbImage;
import dev.sticker.engine.nn.ModelResources;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaceFinderTest {

    // The astronaut's face (brows to chin, cheek to cheek) in the 512x512 photo, with a little slack.
    private static final float HEAD_LEFT = 165;
    private static final float HEAD_RIGHT = 285;
    private static final float HEAD_TOP = 60;
    private static final float HEAD_BOTTOM = 200;

    private static FaceFinder finder;
    private static BlazeFace front;
    private static BlazeFace back;

    @BeforeAll
    static void load() {
        finder = FaceFinder.load();
        front = BlazeFace.frontCamera(ModelResources.bundled());
        back = BlazeFace.backCamera(ModelResources.bundled());
    }

    @Test
    void bothBlazeFaceModelsUse896Anchors() {
        assertEquals(896, front.anchorCount());
        assertEquals(896, back.anchorCount());
    }

    @Test
    void theShortRangeModelRunOn128ByItsHeadConvolutionsFindsWhatTheModelItselfFinds() {
        BlazeFace headsOnly = BlazeFace.frontCamera(ModelResources.bundled(), 128);
        PixelGrid grid = PixelGrid.fromImage(RgbImage.of(TestImages.load("astronaut")), FaceFinder.WORKING_SIZE);
        float[] input = FaceFinder.Letterbox.of(grid, 128).input();
        List<BlazeFace.Detection> expected = front.detect(input, 0.5f);
        List<BlazeFace.Detection> actual = headsOnly.detect(input, 0.5f);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).score(), actual.get(i).score());
            assertEquals(expected.get(i).centerX(), actual.get(i).centerX());
            assertEquals(expected.get(i).width(), actual.get(i).width());
        }
    }

    @Test
    void findsExactlyOneFaceOnTheAstronaut() {
        PixelGrid grid = PixelGrid.fromImage(RgbImage.of(TestImages.load("astronaut")), FaceFinder.WORKING_SIZE);
        List<BlazeFace.Detection> detections =
                front.detect(FaceFinder.Letterbox.of(grid, front.inputSize()).input(), FaceFinder.MIN_SCORE);
        assertEquals(1, detections.size(), detections.toString());
    }

    @Test
    void astronautFaceIsInTheHeadWithLevelEyesEitherSideOfTheNose() {
        Face face = only(finder.faces(RgbImage.of(TestImages.load("astronaut"))));
        assertFaceInHead(face);
        assertTrue(face.score() >= FaceFinder.MIN_SCORE, face.toString());
        assertTrue(face.rightEyeX() < face.centerX() && face.centerX() < face.leftEyeX(),
                "the right eye is on the image's left: " + face);
        assertTrue(face.rightEyeY() > face.y() && face.rightEyeY() < face.centerY(), "eyes in the upper half: " + face);
        assertTrue(Math.abs(Math.toDegrees(face.eyeLineAngle())) < 10, "eyes roughly level: " + face);
    }

    @Test
    void faceKeepsItsPlaceInAWideLetterboxedPhoto() {
        BufferedImage astronaut = TestImages.load("astronaut");
        BufferedImage wide = new BufferedImage(1024, 512, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = wide.createGraphics();
        g.drawImage(astronaut, 300, 0, null);
        g.dispose();
        Face face = only(finder.faces(RgbImage.of(wide)));
        assertTrue(face.centerX() > HEAD_LEFT + 300 && face.centerX() < HEAD_RIGHT + 300, face.toString());
        assertTrue(face.centerY() > HEAD_TOP && face.centerY() < HEAD_BOTTOM, face.toString());
    }

    @Test
    void findsTheFaceInALargePhotoInItsPixelCoordinates() {
        BufferedImage large = new BufferedImage(6000, 4000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = large.createGraphics();
        g.drawImage(TestImages.load("astronaut"), 2000, 0, 4000, 4000, null);
        g.dispose();
        float scale = 4000f / 512;
        Face face = only(finder.faces(RgbImage.of(large)));
        assertTrue(face.centerX() > 2000 + HEAD_LEFT * scale && face.centerX() < 2000 + HEAD_RIGHT * scale,
                face.toString());
        assertTrue(face.centerY() > HEAD_TOP * scale && face.centerY() < HEAD_BOTTOM * scale, face.toString());
    }

    @Test
    void backCameraModelAlsoFindsTheAstronaut() {
        PixelGrid grid = PixelGrid.fromImage(RgbImage.of(TestImages.load("astronaut")), FaceFinder.WORKING_SIZE);
        Face face = only(finder.blazeFaces(back, grid, 512.0 / grid.width(), FaceFinder.BACK_MAX_FACE_SIZE));
        assertFaceInHead(face);
    }

    @Test
    void lbpCascadeOnItsOwnFindsTheAstronaut() {
        PixelGrid grid = PixelGrid.fromImage(RgbImage.of(TestImages.load("astronaut")), FaceFinder.WORKING_SIZE);
        Face face = only(finder.cascadeFaces(grid, 512.0 / grid.width()));
        assertFaceInHead(face);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chelsea", "coffee"})
    void findsNoFaceWhereThereIsNoPerson(String image) {
        List<Face> faces = finder.faces(RgbImage.of(TestImages.load(image)));
        assertTrue(faces.isEmpty(), image + ": " + faces);
    }

    private static Face only(List<Face> faces) {
        assertEquals(1, faces.size(), faces.toString());
        return faces.get(0);
    }

    private static void assertFaceInHead(Face face) {
        assertTrue(face.x() >= HEAD_LEFT - 20 && face.x() + face.width() <= HEAD_RIGHT + 20
                && face.y() >= HEAD_TOP - 20 && face.y() + face.height() <= HEAD_BOTTOM + 20, "box " + face);
        assertTrue(face.centerX() > HEAD_LEFT && face.centerX() < HEAD_RIGHT
                && face.centerY() > HEAD_TOP && face.centerY() < HEAD_BOTTOM, "centre " + face);
        assertTrue(face.width() > 50 && face.width() < 160, "width " + face);
    }
}
