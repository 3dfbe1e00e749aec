package dev.sticker.engine.vision;

import dev.sticker.engine.image.RgbImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm, single-threaded cost of the engine's vision steps on a 1024x1024 portrait (the render size), with the JVM
 * limited to one processor like a small Lambda. Not a test. Run after {@code mvn -pl functions/engine test-compile}:
 * <pre>
 * java -cp functions/engine/target/test-classes:functions/engine/target/classes:$(test classpath) \
 *     org.openjdk.jmh.Main VisionBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-XX:ActiveProcessorCount=1", "-Xmx300m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class VisionBench {

    private FaceFinder faceFinder;
    private PersonSegmenter segmenter;
    private BufferedImage portrait;
    private RgbImage portraitPixels;
    private PixelGrid workingCopy;

    @Setup
    public void load() {
        faceFinder = FaceFinder.load();
        segmenter = PersonSegmenter.load();
        BufferedImage astronaut = TestImages.load("astronaut");
        portrait = new BufferedImage(1024, 1024, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = portrait.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(astronaut, 0, 0, 1024, 1024, null);
        g.dispose();
        portraitPixels = RgbImage.of(portrait);
        workingCopy = PixelGrid.fromImage(portraitPixels, FaceFinder.WORKING_SIZE);
    }

    /** The whole face search as the pipeline calls it; BlazeFace short range finds this face. */
    @Benchmark
    public List<Face> faceDetection() {
        return faceFinder.faces(portraitPixels);
    }

    @Benchmark
    public float[] personSegmentation() {
        return segmenter.segment(portraitPixels);
    }

    /** The last-resort detector alone, as the face search runs it on its working copy. */
    @Benchmark
    public List<Face> lbpCascadeFallback() {
        return faceFinder.cascadeFaces(workingCopy, (double) portrait.getWidth() / workingCopy.width());
    }
}
