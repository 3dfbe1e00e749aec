package dev.sticker.engine;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Median wall time (and, with one thread, thread CPU time) of each pipeline stage over repeated warm renders of a
 * photo, taken from the progress lines (each stage logs as it starts), and the most heap seen in use at a stage
 * boundary. With one thread, also the thread CPU
 * time of the whole render and, measured after each render, of the JDK's ImageIO PNG writer encoding the same two
 * outputs: the render's yardstick, the ratio of the medians being the figure to watch. Run by
 * {@code functions/engine/bench.sh} as {@code StageTimes THREADS UPSCALE RUNS [PHOTO [SIDE]]}, PHOTO being
 * {@code astronaut} (the sample photo, 512x512, the default), {@code small-face-12mp} (a 4000x3000 JPEG of the
 * cup photo with the astronaut pasted in, her face 45 pixels wide: only the small-face search finds it) or
 * {@code small-face-40mp} (the same at 7300x5470, her face 42 pixels wide), and SIDE the requested width and
 * height (1024 by default; outputs are twice that with UPSCALE).
 */
public final class StageTimes {

    private StageTimes() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        boolean upscale = Boolean.parseBoolean(args[1]);
        int runs = Integer.parseInt(args[2]);
        String photoName = args.length > 3 ? args[3] : "astronaut";
        byte[] photo = switch (photoName) {
            case "astronaut" -> EngineBench.samplePhoto();
            case "small-face-12mp" -> TestPhotos.jpeg(TestPhotos.scene(TestPhotos.load("coffee"), 4000, 3000,
                    new TestPhotos.Person(2500, 1400, 45)), 0.9f);
            case "small-face-40mp" -> TestPhotos.jpeg(TestPhotos.scene(TestPhotos.load("coffee"), 7300, 5470,
                    new TestPhotos.Person(5000, 1600, 42)), 0.9f);
            default -> throw new IllegalArgumentException("unknown photo " + photoName);
        };
        int side = args.length > 4 ? Integer.parseInt(args[4]) : 1024;
        StickerParams params = new StickerParams("a person", "", 20, 4.5, 0.7, 0.2, 0.5, side, side, upscale, 10, 42,
                true);
        Map<String, List<Long>> stages = new LinkedHashMap<>();
        Map<String, List<Long>> stageCpu = new LinkedHashMap<>();
        List<Long> totals = new ArrayList<>();
        List<Long> cpuTotals = new ArrayList<>();
        List<Long> imageIoTotals = new ArrayList<>();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] peakHeap = {0};
        try (StickerEngine engine = StickerEngine.load(threads == 0 ? Runtime.getRuntime().availableProcessors()
                : threads)) {
            for (int run = -runs; run < runs; run++) {
                List<String> names = new ArrayList<>();
                List<Long> times = new ArrayList<>();
                List<Long> cpuTimes = new ArrayList<>();
                names.add("decoding image");
                long cpuStart = cpu.getCurrentThreadCpuTime();
                times.add(System.nanoTime());
                cpuTimes.add(cpuStart);
                RenderOutcome outcome = engine.render(photo, params, line -> {
                    peakHeap[0] = Math.max(peakHeap[0], memory.getHeapMemoryUsage().getUsed());
                    if (!line.startsWith("decoding image")) {
                        names.add(stageName(line));
                        times.add(System.nanoTime());
                        cpuTimes.add(cpu.getCurrentThreadCpuTime());
                    }
                });
                long end = System.nanoTime();
                long cpuEnd = cpu.getCurrentThreadCpuTime();
                long cpuUsed = cpuEnd - cpuStart;
                if (run < 0) {
                    continue;
                }
                times.add(end);
                cpuTimes.add(cpuEnd);
                for (int i = 0; i < names.size(); i++) {
                    stages.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(times.get(i + 1) - times.get(i));
                    stageCpu.computeIfAbsent(names.get(i), k -> new ArrayList<>())
                            .add(cpuTimes.get(i + 1) - cpuTimes.get(i));
                }
                totals.add(end - times.get(0));
                cpuTotals.add(cpuUsed);
                if (threads == 1) {
                    imageIoTotals.add(imageIoCpuTime(((RenderOutcome.Rendered) outcome).sticker(), cpu));
                }
            }
        }
        System.out.printf("photo=%s side=%d threads=%s upscale=%s runs=%d (after %d warm-up renders)%n", photoName,
                side, threads == 0 ? "all(" + Runtime.getRuntime().availableProcessors() + ")" : threads, upscale,
                runs, runs);
        // with one thread, the render thread's CPU time per stage too (other threads' work is not in it)
        System.out.printf("  %-22s %8s %11s%n", "stage", "wall", threads == 1 ? "thread CPU" : "");
        for (Map.Entry<String, List<Long>> stage : stages.entrySet()) {
            System.out.printf("  %-22s %8.1f ms%s%n", stage.getKey(), median(stage.getValue()), threads == 1
                    ? String.format(" %8.1f ms", median(stageCpu.get(stage.getKey()))) : "");
        }
        System.out.printf("  %-22s %8.1f ms%n", "total", median(totals));
        if (threads == 1) {
            // On a shared machine wall time includes waiting for a core; the render thread's CPU time does not.
            System.out.printf("  %-22s %8.1f ms%n", "total CPU time", median(cpuTotals));
            // The yardstick, measured between the renders so both see the same machine: the JDK's ImageIO PNG
            // writer encoding the same two outputs.
            System.out.printf("  %-22s %8.1f ms (render / ImageIO: %.2fx)%n", "ImageIO writes both", median(
                    imageIoTotals), median(cpuTotals) / median(imageIoTotals));
        }
        // Heap in use (live data plus garbage not yet collected) sampled at every stage boundary.
        System.out.printf("  heap used at stage boundaries, highest: %d MB (max heap %d MB)%n", peakHeap[0] >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Thread CPU time for ImageIO's PNG writer to encode both outputs of a render (as PngLevels measures it). */
    private static long imageIoCpuTime(Sticker sticker, ThreadMXBean cpu) throws IOException {
        BufferedImage stickerImage = ImageIO.read(new ByteArrayInputStream(sticker.stickerPng()));
        BufferedImage cutoutImage = ImageIO.read(new ByteArrayInputStream(sticker.backgroundRemovedPng()));
        long start = cpu.getCurrentThreadCpuTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(stickerImage, "png", out);
        ImageIO.write(cutoutImage, "png", out);
        return cpu.getCurrentThreadCpuTime() - start;
    }

    /** The stage a progress line starts: the line up to its first '(' or ':'. */
    static String stageName(String line) {
        int cut = line.length();
        for (char c : new char[] {'(', ':'}) {
            int at = line.indexOf(c);
            if (at > 0) {
                cut = Math.min(cut, at);
            }
        }
        return line.substring(0, cut).trim();
    }

    private static double median(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
