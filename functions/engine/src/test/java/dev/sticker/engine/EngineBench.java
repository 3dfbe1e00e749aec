package dev.sticker.engine;

import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.png.PngEncoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole renders of the sample photo at 1024x1024 (and 2048x2048 with upscale), single-threaded and with every
 * processor, plus the PNG encoding of both outputs by the engine's encoder and, as the baseline, by ImageIO.
 * Run by {@code functions/engine/bench.sh}; the heap is capped at 300 MB to prove the engine fits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx300m"})
public class EngineBench {

    /** 0 means every available processor. */
    @Param({"1", "0"})
    int threads;

    @Param({"false", "true"})
    boolean upscale;

    private StickerEngine engine;
    private byte[] photo;
    private StickerParams params;
    private PngEncoder encoder;
    private int[] stickerPixels;
    private int[] cutoutPixels;
    private BufferedImage stickerImage;
    private BufferedImage cutoutImage;
    private Parallelism parallelism;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        int count = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        engine = StickerEngine.load(count);
        photo = samplePhoto();
        params = new StickerParams("a person", "", 20, 4.5, 0.7, 0.2, 0.5, 1024, 1024, upscale, 10, 42, true);
        parallelism = Parallelism.of(count);
        encoder = new PngEncoder(parallelism);
        Sticker sticker = ((RenderOutcome.Rendered) engine.render(photo, params, Progress.NONE)).sticker();
        stickerImage = ImageIO.read(new ByteArrayInputStream(sticker.stickerPng()));
        cutoutImage = ImageIO.read(new ByteArrayInputStream(sticker.backgroundRemovedPng()));
        int width = sticker.width();
        int height = sticker.height();
        stickerPixels = stickerImage.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < stickerPixels.length; i++) {
            stickerPixels[i] &= 0xFFFFFF;
        }
        cutoutPixels = cutoutImage.getRGB(0, 0, width, height, null, 0, width);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
        parallelism.close();
    }

    @Benchmark
    public RenderOutcome render() {
        return engine.render(photo, params, Progress.NONE);
    }

    @Benchmark
    public int encodeBothPngs() {
        int width = stickerImage.getWidth();
        int height = stickerImage.getHeight();
        return encoder.rgb(stickerPixels, width, height).length + encoder.rgba(cutoutPixels, width, height).length;
    }

    @Benchmark
    public int encodeBothPngsWithImageIo() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(stickerImage, "png", out);
        ImageIO.write(cutoutImage, "png", out);
        return out.size();
    }

    static byte[] samplePhoto() throws IOException {
        try (InputStream in = EngineBench.class.getResourceAsStream("/images/astronaut.png")) {
            if (in == null) {
                throw new IOException("the sample photo images/astronaut.png is not on the class path");
            }
            return in.readAllBytes();
        }
    }
}
