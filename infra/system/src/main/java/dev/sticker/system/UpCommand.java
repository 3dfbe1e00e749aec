package dev.sticker.system;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.sticker.core.wire.ApiUrls;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import dev.sticker.local.function.LocalFunction;
import dev.sticker.settings.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sticker up}: the whole system on this machine until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local cloud (API, worker, storage, queues) until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);
    /** Where {@code sam local invoke --env-vars} finds the running cloud (docs/DEPLOY.md). */
    static final String SAM_ENVIRONMENT = ".sticker/sam-env.json";

    @Option(names = "--port", defaultValue = "3000", description = "API port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--ephemeral", description = "Keep nothing: use a temporary data directory instead of .sticker/.")
    boolean ephemeral;


    @Mixin
    TemplateParameters template = new TemplateParameters();

    @Override
    public Integer call() throws InterruptedException {
        Path home = StickerCli.home();
        LocalCloud cloud = LocalCloud.start(new LocalCloudOptions(home.resolve("template.yaml"),
                ephemeral ? null : home.resolve(".sticker"), port, true, template.overrides()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping…");
            cloud.close();
            stopped.countDown();
        }, "sticker-up-stop"));
        String adminKey = LocalAccount.ensure(cloud);
        warmUp(cloud);
        SamEnvironment.write(cloud, home.resolve(SAM_ENVIRONMENT));
        String api = cloud.apiUrl().toString();
        ApiUrls urls = new ApiUrls(api);
        System.out.printf("""

                Playground:  %6$s  (open it in a browser; drop %3$s on it)
                Sticker API: %1$s  (OpenAPI: %1$s/openapi.json)
                Admin key: %7$s
                S3 bucket:   %5$s at %4$s (drop photos under incoming/)
                Data:        %2$s

                Try it:
                  printf '{"image_url": "data:image/png;base64,%%s", "prompt": "a person"}' "$(base64 -w0 %3$s)" \\
                    | curl -s %1$s/fal-ai/face-to-sticker -H "Authorization: Key %7$s" \\
                      -H 'Content-Type: application/json' -d @-
                or:
                  ./sticker make %3$s --endpoint %1$s

                Ctrl-C stops everything; running jobs finish first%8$s.
                %n""", api, ephemeral ? "temporary (deleted on exit)" : cloud.dataDir(),
                home.resolve("docs/samples/astronaut.png"), cloud.environment().get(Setting.ENDPOINT_S3.variable()),
                cloud.environment().get(Setting.BUCKET.variable()), urls.playgroundUrl(), adminKey,
                ephemeral ? "" : ", queued ones wait for the next start");
        stopped.await();
        return 0;
    }

    /** The settings a -p template parameter sets, as the usage message's footer (from the one settings table). */
    static String settingsHelp() {
        StringBuilder help = new StringBuilder("%nTemplate parameters (-p NAME=VALUE) and the settings they set:%n");
        for (Setting setting : Setting.values()) {
            if (setting.parameter() != null) {
                String defaultValue = setting.defaultValue().isEmpty() ? "" : " (default " + setting.defaultValue() + ")";
                help.append(String.format("  %-28s %s: %s%s%%n", setting.parameter(), setting.variable(),
                        setting.meaning().replace("`", "").replace("%", "%%"), defaultValue.replace("%", "%%")));
            }
        }
        return help.append("Every setting is described in the README's Configuration section.%n").toString();
    }

    /** Initialise every handler now, in the background, so the first request does not pay the cold start. */
    private static void warmUp(LocalCloud cloud) {
        Thread warmer = new Thread(() -> {
            for (String id : cloud.functionIds()) {
                LocalFunction function = cloud.function(id);
                try {
                    function.handler();
                } catch (RuntimeException e) {
                    LOG.warn("{} cannot start: {}", id, e.getMessage());
                }
            }
        }, "warm-up");
        warmer.setDaemon(true);
        warmer.start();
    }
}
