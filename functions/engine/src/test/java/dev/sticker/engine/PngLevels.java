package dev.sticker.engine;

import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.png.PngEncoder;
import dev.sticker.engine.png.RowFilter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * The measurement behind the PNG encoder's defaults: for the two outputs of a 1024x1024 render of the sample
 * photo, the encoding time (median thread CPU time of 9, one thread) and the total size for each row filter and
 * compression (literals and runs, "runs", or zlib at a level), with ImageIO's PNG writer as the baseline. Run by
 * {@code functions/engine/bench.sh}.
 */
public final class PngLevels {

    private static final int RUNS = 9;

    private PngLevels() {
    }

    public static void main(String[] args) throws Exception {
        StickerParams params = new StickerParams("a person", "", 20, 4.5, 0.7, 0.2, 0.5, 1024, 1024, false, 10, 42,
                true);
        Sticker sticker;
        try (StickerEngine engine = StickerEngine.load(1)) {
            sticker = ((RenderOutcome.Rendered) engine.render(EngineBench.samplePhoto(), params, Progress.NONE))
                    .sticker();
        }
        BufferedImage stickerImage = ImageIO.read(new ByteArrayInputStream(sticker.stickerPng()));
        BufferedImage cutoutImage = ImageIO.read(new ByteArrayInputStream(sticker.backgroundRemovedPng()));
        int width = sticker.width();
        int height = sticker.height();
        int[] rgb = stickerImage.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xFFFFFF;
        }
        int[] argb = cutoutImage.getRGB(0, 0, width, height, null, 0, width);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.println("filter  level  CPU ms   bytes (both outputs)");
        for (RowFilter filter : RowFilter.values()) {
            for (int level : new int[] {PngEncoder.RUN_LENGTH, 1, 2, 3, 4, 6, 9}) {
                PngEncoder encoder = new PngEncoder(level, filter, Parallelism.SINGLE);
                long[] times = new long[RUNS];
                int size = 0;
                for (int run = 0; run < RUNS; run++) {
                    long start = cpu.getCurrentThreadCpuTime();
                    size = encoder.rgb(rgb, width, height).length + encoder.rgba(argb, width, height).length;
                    times[run] = cpu.getCurrentThreadCpuTime() - start;
                }
                System.out.printf("%-6s  %5s  %6.1f  %9d%n", filter, level == PngEncoder.RUN_LENGTH ? "runs" : level,
                        median(times), size);
            }
        }
        long[] times = new long[RUNS];
        int size = 0;
        for (int run = 0; run < RUNS; run++) {
            long start = cpu.getCurrentThreadCpuTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(stickerImage, "png", out);
            ImageIO.write(cutoutImage, "png", out);
            size = out.size();
            times[run] = cpu.getCurrentThreadCpuTime() - start;
        }
        System.out.printf("ImageIO (baseline)  %6.1f  %9d%n", median(times), size);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
