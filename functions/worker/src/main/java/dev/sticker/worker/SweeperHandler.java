package dev.sticker.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.sticker.core.sweep.Sweeper;
import dev.sticker.wiring.MicronautFunction;
import io.micronaut.context.ApplicationContext;

/** Runs the sweeper on its schedule (every minute, from the template's {@code Schedule} event). */
public final class SweeperHandler extends MicronautFunction implements RequestHandler<ScheduledEvent, Sweeper.Report> {

    private final Sweeper sweeper;

    /** Used by Lambda. */
    public SweeperHandler() {
        this(QueueFunction.startContext());
    }

    private SweeperHandler(ApplicationContext beans) {
        this(beans, beans.getBean(Sweeper.class));
    }

    public SweeperHandler(Sweeper sweeper) {
        this(null, sweeper);
    }

    private SweeperHandler(ApplicationContext beans, Sweeper sweeper) {
        super(beans);
        this.sweeper = sweeper;
    }

    @Override
    public Sweeper.Report handleRequest(ScheduledEvent event, Context context) {
        return sweeper.sweep();
    }
}
