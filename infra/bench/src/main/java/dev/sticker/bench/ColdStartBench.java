package dev.sticker.bench;

import dev.sticker.local.LocalClients;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import dev.sticker.local.template.Intrinsics;
import dev.sticker.system.LocalAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda cold starts, approximated on this machine: a fresh JVM per run ({@link ColdStartProbe}) loads a handler from
 * the shaded Lambda jar, constructs it with its no-argument constructor and answers a realistic API Gateway event,
 * against one local cloud started here (its environment is passed to the child as system properties). Our
 * SubmitHandler and FetchHandler run next to {@link PlainSubmitHandler}, a framework-free baseline; each variant of
 * JVM flags runs every handler {@code bench.coldstart.runs} times (5), interleaved, and medians are reported; then
 * our handlers run as many times more with their SnapStart priming hooks run during init.
 *
 * <p>Child and parent both read {@link System#nanoTime()}, which on Linux is the system-wide monotonic clock, so the
 * child's stamps can be compared with the parent's stamp taken just before the launch.
 */
public final class ColdStartBench {

    private static final Logger LOG = LoggerFactory.getLogger(ColdStartBench.class);
    private static final Pattern TIMINGS = Pattern.compile(ColdStartProbe.OUTPUT_PREFIX
            + " main=(\\d+) constructed=(\\d+) first=(\\d+) second=(\\d+) request=(\\S+)");
    /** A 1024 MB Lambda gets a fraction of a vCPU, so its JVM picks the serial collector; so do the probes. */
    private static final List<String> LAMBDA_LIKE_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx512m");
    /** What the API's priming hook logs when it has run to completion. */
    private static final String PRIMING_LOG_LINE = "primed for the snapshot";
    private static final double API_JAR_TARGET_MB = 20;
    private static final double WORKER_JAR_TARGET_MB = 25;

    /** A handler to start: its class, the jars Lambda would load, and the call it answers first. */
    record Subject(String name, String handlerClass, List<Path> classpath, String call) {
    }

    /** A set of JVM flags; with an archive, each subject runs with the AppCDS archive of its own training run. */
    record Variant(String name, List<String> flags, boolean appCds) {
    }

    /** One cold start, in nanoseconds from the launch of the JVM, and the request id its first answer named. */
    record Timing(long mainEntered, long constructed, long firstAnswered, long secondAnswered, String requestId) {

        long jvmStart() {
            return mainEntered;
        }

        long handlerInit() {
            return constructed - mainEntered;
        }

        long firstRequest() {
            return firstAnswered - constructed;
        }

        long secondRequest() {
            return secondAnswered - firstAnswered;
        }
    }

    private final Map<String, String> properties;
    private final Path workDir;

    private ColdStartBench(Map<String, String> properties, Path workDir) {
        this.properties = properties;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws IOException {
        int runs = Integer.getInteger("bench.coldstart.runs", 5);
        Path template = RepoPaths.configured("sticker.template", "template.yaml");
        Path workDir = Files.createDirectories(RepoPaths.configured("bench.workDir", "infra/bench/target/coldstart"));
        // Copies, so that a rebuild during the run can neither mix jar versions nor invalidate the AppCDS archives.
        Path apiJar = snapshot(RepoPaths.configured("bench.apiJar", "functions/api/target/api-lambda.jar"), workDir);
        Path workerJar = snapshot(RepoPaths.configured("bench.workerJar", "functions/worker/target/worker-lambda.jar"),
                workDir);
        Path probeJar = snapshot(RepoPaths.configured("bench.probeJar",
                "infra/bench/target/sticker-bench-0.1.0-SNAPSHOT.jar"), workDir);
        Path plainJar = snapshot(RepoPaths.configured("bench.plainJar", "infra/bench/target/plain-lambda.jar"),
                workDir);

        System.out.println(jarSizes(apiJar, workerJar, plainJar));
        try (LocalCloud cloud = LocalCloud.start(new LocalCloudOptions(template, null, 0, false, Map.of()))) {
            // The account the probes' submits are billed to.
            LocalAccount.ensure(cloud);
            Map<String, String> properties = new LinkedHashMap<>(cloud.environment());
            properties.put(ProbeEvents.AUTHORIZER_PROPERTY, BenchCaller.authorizerContext());
            properties.put("aws.region", Intrinsics.REGION);
            properties.put("aws.accessKeyId", LocalClients.ACCESS_KEY_ID);
            properties.put("aws.secretAccessKey", LocalClients.SECRET_ACCESS_KEY);
            ColdStartBench bench = new ColdStartBench(properties, workDir);
            Subject submit = new Subject("SubmitHandler", "dev.sticker.api.SubmitHandler", List.of(apiJar, probeJar),
                    ColdStartProbe.SUBMIT);
            // The status probes ask about the request the submit's training run created.
            String requestId = bench.train(submit).requestId();
            Subject fetch = new Subject("FetchHandler (status)", "dev.sticker.api.FetchHandler",
                    List.of(apiJar, probeJar), ColdStartProbe.STATUS_PREFIX + requestId);
            Subject plain = new Subject("PlainSubmitHandler (baseline)", PlainSubmitHandler.class.getName(),
                    List.of(plainJar), ColdStartProbe.SUBMIT);
            bench.train(fetch);
            bench.train(plain);
            List<Variant> variants = List.of(
                    new Variant("default", List.of(), false),
                    new Variant("-XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"), false),
                    new Variant("AppCDS", List.of(), true),
                    new Variant("AppCDS + TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"), true));
            System.out.println(bench.measure(List.of(submit, fetch, plain), variants, runs));
        }
    }

    /** The training run that writes a subject's AppCDS archive. */
    private Timing train(Subject subject) {
        Path archive = archive(subject);
        delete(archive);
        LOG.info("training run of {} for its AppCDS archive", subject.name());
        return launch(subject, List.of("-XX:ArchiveClassesAtExit=" + archive), false);
    }

    private String measure(List<Subject> subjects, List<Variant> variants, int runs) {
        Map<Variant, Map<Subject, List<Timing>>> timings = new LinkedHashMap<>();
        for (Variant variant : variants) {
            Map<Subject, List<Timing>> bySubject = new LinkedHashMap<>();
            subjects.forEach(subject -> bySubject.put(subject, new ArrayList<>()));
            for (int run = 0; run < runs; run++) {
                for (Subject subject : subjects) {
                    List<String> flags = new ArrayList<>(variant.flags());
                    if (variant.appCds()) {
                        // -Xshare:on: a JVM that cannot map the archive fails instead of silently running without it.
                        flags.add("-Xshare:on");
                        flags.add("-XX:SharedArchiveFile=" + archive(subject));
                    }
                    LOG.info("{} run {} of {}", variant.name(), run + 1, subject.name());
                    bySubject.get(subject).add(launch(subject, flags, false));
                }
            }
            timings.put(variant, bySubject);
        }
        Map<Subject, List<Timing>> primed = new LinkedHashMap<>();
        List<Subject> primable = subjects.subList(0, subjects.size() - 1);
        primable.forEach(subject -> primed.put(subject, new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            for (Subject subject : primable) {
                LOG.info("primed run {} of {}", run + 1, subject.name());
                primed.get(subject).add(launch(subject, List.of(), true));
            }
        }
        return report(subjects, timings, primed, runs);
    }

    private String report(List<Subject> subjects, Map<Variant, Map<Subject, List<Timing>>> timings,
            Map<Subject, List<Timing>> primed, int runs) {
        Subject baseline = subjects.get(subjects.size() - 1);
        MarkdownTable coldStarts = new MarkdownTable("Variant", "Handler", "JVM start → main ms",
                "handler init ms", "first request ms", "launch → first response ms", "vs plain baseline");
        timings.forEach((variant, bySubject) -> {
            double plain = median(bySubject.get(baseline), t -> t.firstAnswered());
            bySubject.forEach((subject, runsOfSubject) -> {
                double total = median(runsOfSubject, t -> t.firstAnswered());
                coldStarts.row(variant.name(), subject.name(), median(runsOfSubject, Timing::jvmStart),
                        median(runsOfSubject, Timing::handlerInit), median(runsOfSubject, Timing::firstRequest),
                        total, MarkdownTable.ratio(total, plain));
            });
        });
        Map<Subject, List<Timing>> defaults = timings.values().iterator().next();
        MarkdownTable priming = new MarkdownTable("Handler (default flags)", "init ms", "init + priming ms",
                "first request ms, unprimed", "first request ms, primed", "second request ms, unprimed");
        primed.forEach((subject, primedRuns) -> {
            List<Timing> unprimed = defaults.get(subject);
            priming.row(subject.name(), median(unprimed, Timing::handlerInit), median(primedRuns, Timing::handlerInit),
                    median(unprimed, Timing::firstRequest), median(primedRuns, Timing::firstRequest),
                    median(unprimed, Timing::secondRequest));
        });
        return "Cold start, median of " + runs + " fresh JVMs per handler and variant (" + Runtime.version()
                + ", flags " + String.join(" ", LAMBDA_LIKE_FLAGS) + ")\n\n" + coldStarts.render()
                + "\nPriming: the handlers' SnapStart hooks run during init (checkpoint simulated, median of " + runs
                + " runs)\n\n" + priming.render();
    }

    /** Launches one probe JVM and waits for its stamps; a failed or silent probe fails the benchmark. */
    private Timing launch(Subject subject, List<String> flags, boolean prime) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_LIKE_FLAGS);
        command.addAll(flags);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, subject.classpath().stream().map(Path::toString).toList()));
        command.add(ColdStartProbe.class.getName());
        command.add(subject.handlerClass());
        command.add(subject.call());
        if (prime) {
            command.add(ColdStartProbe.PRIME);
        }
        Path log = workDir.resolve("probe.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        try {
            long launched = System.nanoTime();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            Optional<Timing> timing = parse(output, launched);
            if (exit != 0 || timing.isEmpty()) {
                throw new IllegalStateException(subject.name() + " probe exited " + exit + " with output '"
                        + output.strip() + "'; its stderr:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            if (prime && !Files.readString(log, StandardCharsets.UTF_8).contains(PRIMING_LOG_LINE)) {
                throw new IllegalStateException(subject.name() + " logged no '" + PRIMING_LOG_LINE + "': its priming "
                        + "hook did not run");
            }
            return timing.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The probe's stamps relative to the parent's stamp at launch; empty when the output has none. */
    static Optional<Timing> parse(String probeOutput, long launched) {
        Matcher matcher = TIMINGS.matcher(probeOutput);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new Timing(Long.parseLong(matcher.group(1)) - launched,
                Long.parseLong(matcher.group(2)) - launched, Long.parseLong(matcher.group(3)) - launched,
                Long.parseLong(matcher.group(4)) - launched, matcher.group(5)));
    }

    private Path archive(Subject subject) {
        return workDir.resolve(subject.handlerClass().substring(subject.handlerClass().lastIndexOf('.') + 1) + ".jsa");
    }

    private static String jarSizes(Path apiJar, Path workerJar, Path plainJar) {
        MarkdownTable sizes = new MarkdownTable("Jar", "MB", "target MB", "largest groups (compressed MB)");
        sizes.row(apiJar.getFileName(), megabytes(apiJar), API_JAR_TARGET_MB, largest(apiJar));
        sizes.row(workerJar.getFileName(), megabytes(workerJar), WORKER_JAR_TARGET_MB, largest(workerJar));
        sizes.row(plainJar.getFileName(), megabytes(plainJar), "-", largest(plainJar));
        return "Shaded Lambda jars (MB = 10^6 bytes)\n\n" + sizes.render();
    }

    private static String largest(Path jar) {
        return String.join(", ", JarInventory.largest(jar, 3, 5).stream()
                .map(group -> String.format(Locale.ROOT, "%s %.1f", group.prefix(), group.compressedBytes() / 1e6))
                .toList());
    }

    private static double megabytes(Path file) {
        try {
            return Files.size(file) / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    private static double median(List<Timing> timings, ToLongFunction<Timing> measure) {
        return LatencySummary.medianMillis(timings.stream().mapToLong(measure).toArray());
    }

    private static Path snapshot(Path jar, Path workDir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + "; build it first (infra/bench/run.sh builds all)");
        }
        return Files.copy(jar, workDir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
