package dev.sticker.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures the local cloud: cold start (servers + provisioning + API up) of the test fixture, and the latency of an
 * API round trip through the gateway to a trivial handler. Run:
 *
 * <pre>mvn -o -q -B -pl infra/local test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sticker.local.LocalCloudBenchmark [-Dexec.args="STARTS REQUESTS"]</pre>
 */
public final class LocalCloudBenchmark {

    private LocalCloudBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path fixture = Path.of(LocalCloudBenchmark.class.getResource("/fixture-template.yaml").toURI());

        long[] startMillis = new long[starts];
        for (int i = 0; i < starts; i++) {
            long began = System.nanoTime();
            try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(fixture))) {
                startMillis[i] = (System.nanoTime() - began) / 1_000_000;
                if (i == starts - 1) {
                    roundTrips(cloud.apiUrl(), requests);
                }
            }
        }
        System.out.printf("start (servers + provisioning + API), %d runs: %s ms; first run includes JVM warm-up%n",
                starts, Arrays.toString(startMillis));
    }

    private static void roundTrips(URI api, int requests) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(api + "/ping")).GET().build();
        for (int i = 0; i < Math.max(200, requests / 5); i++) {
            send(http, ping);
        }
        long[] micros = new long[requests];
        long began = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long sent = System.nanoTime();
            send(http, ping);
            micros[i] = (System.nanoTime() - sent) / 1_000;
        }
        long totalMillis = (System.nanoTime() - began) / 1_000_000;
        Arrays.sort(micros);
        System.out.printf("API round trip to a trivial handler, %d sequential requests after warm-up: "
                        + "p50 %d µs, p90 %d µs, p99 %d µs, max %d µs, %.0f requests/s%n",
                requests, micros[requests / 2], micros[requests * 9 / 10], micros[requests * 99 / 100],
                micros[requests - 1], requests * 1000.0 / Math.max(1, totalMillis));
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ping answered " + response.statusCode() + ": " + response.body());
        }
    }
}
