package dev.sticker.wiring;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextProvider;

import java.util.Map;

/**
 * A Lambda handler whose services come from a Micronaut context of its own. Lambda's no-argument constructor starts
 * the context once per environment (SnapStart snapshots it) and the handler keeps it, with the CRaC hooks its beans
 * registered, for the environment's life. Beans are built when first asked for, so a function builds only what its
 * handler's constructor needs. A handler built from its services directly (as tests do) has no context.
 */
public abstract class MicronautFunction implements ApplicationContextProvider, AutoCloseable {

    private final ApplicationContext context;

    /** @param context the context the handler's services came from, or null when they were given directly */
    protected MicronautFunction(ApplicationContext context) {
        this.context = context;
    }

    /** A started context holding the beans of these Micronaut environments (and of none other). */
    protected static ApplicationContext start(String... environments) {
        return ApplicationContext.builder()
                .environments(environments)
                .deduceEnvironment(false)
                .banner(false)
                // Functions are configured through Config alone: no application.yml to look for in the jars.
                .enableDefaultPropertySources(false)
                // No bean is @Refreshable, so micronaut-crac has nothing to refresh after a restore.
                .properties(Map.of("crac.refresh-beans", false))
                .start();
    }

    @Override
    public ApplicationContext getApplicationContext() {
        if (context == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " was built from its services, without a context");
        }
        return context;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
