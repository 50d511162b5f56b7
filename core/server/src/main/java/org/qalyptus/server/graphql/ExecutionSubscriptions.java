package org.qalyptus.server.graphql;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.execution.ExecutionDocument;
import org.qalyptus.server.execution.ExecutionService;
import org.qalyptus.server.execution.ExecutionViews;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Live execution progress. Nodes share only the store, so each subscription polls it through the same
 * service reads as REST (hence the same visibility: a run the caller may not see is never sent) and
 * sends a run whenever its status, progress or step changed. One run: ends after its final status.
 */
@Controller
class ExecutionSubscriptions {

    private static final Set<String> FINAL = Set.of("Completed", "Warning", "Failed", "Aborted");

    private final ExecutionService executions;
    private final Duration interval;

    ExecutionSubscriptions(ExecutionService executions,
            @Value("${qalyptus.graphql.subscription-poll-interval:500ms}") Duration interval) {
        this.executions = executions;
        this.interval = interval;
    }

    @SubscriptionMapping
    Flux<ExecutionViews.Execution> executionUpdated(@ContextValue Caller caller, @Argument String id) {
        if (id != null) {
            String plain = GlobalId.decode(id).map(GlobalId::id).orElse(id);
            // refused at once (404/403 as REST) when the caller may not see it
            Map<String, Object> last = new HashMap<>();
            return Flux.concat(Flux.defer(() -> Flux.just(executions.get(caller, null, plain))), Flux.interval(interval).onBackpressureDrop()
                            .publishOn(Schedulers.boundedElastic())
                            .map(tick -> executions.get(caller, null, plain)))
                    .filter(e -> changed(last, e))
                    .takeUntil(e -> FINAL.contains(e.status()));
        }
        Instant since = Instant.now().minusSeconds(1);
        Map<String, Object> last = new HashMap<>();
        return Flux.interval(Duration.ZERO, interval).onBackpressureDrop()
                .publishOn(Schedulers.boundedElastic())
                .concatMapIterable(tick -> Stream.of(ExecutionDocument.TASK, ExecutionDocument.ON_DEMAND)
                        .flatMap(kind -> executions.window(caller, kind, null, null, since, null, 0, 100).items().stream())
                        .toList())
                .filter(e -> changed(last, e));
    }

    private static boolean changed(Map<String, Object> last, ExecutionViews.Execution e) {
        Object state = List.of(String.valueOf(e.status()), e.progress(), String.valueOf(e.currentStep()));
        return !Objects.equals(last.put(e.id(), state), state);
    }
}
