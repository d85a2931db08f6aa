package io.cohost.kernel.tenant;

import static io.cohost.kernel.tenant.TenantState.DEPLOYING;
import static io.cohost.kernel.tenant.TenantState.FAILED;
import static io.cohost.kernel.tenant.TenantState.KILLED;
import static io.cohost.kernel.tenant.TenantState.NEW;
import static io.cohost.kernel.tenant.TenantState.RUNNING;
import static io.cohost.kernel.tenant.TenantState.STARTING;
import static io.cohost.kernel.tenant.TenantState.STOPPED;
import static io.cohost.kernel.tenant.TenantState.STOPPING;
import static io.cohost.kernel.tenant.TenantState.UNDEPLOYED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The state graph of an app, written out here as the specification, and the lifecycle that enforces
 * it: every allowed transition is recorded with its time and cause, every other one is refused.
 */
class TenantLifecycleTest {
    /** The allowed transitions, from the state diagram in {@link TenantState}'s javadoc. */
    private static final Map<TenantState, Set<TenantState>> ALLOWED = Map.of(
            NEW, EnumSet.of(DEPLOYING),
            DEPLOYING, EnumSet.of(STARTING, STOPPED, FAILED),
            STARTING, EnumSet.of(RUNNING, FAILED, KILLED),
            RUNNING, EnumSet.of(STOPPING, KILLED),
            STOPPING, EnumSet.of(STOPPED, KILLED),
            STOPPED, EnumSet.of(STARTING, DEPLOYING, UNDEPLOYED),
            FAILED, EnumSet.of(STARTING, DEPLOYING, STOPPED, UNDEPLOYED),
            KILLED, EnumSet.of(STARTING, DEPLOYING, STOPPED, UNDEPLOYED),
            UNDEPLOYED, EnumSet.noneOf(TenantState.class));

    /** A way from NEW to each state, through allowed transitions only. */
    private static final Map<TenantState, List<TenantState>> PATH = Map.of(
            NEW, List.of(),
            DEPLOYING, List.of(DEPLOYING),
            STARTING, List.of(DEPLOYING, STARTING),
            RUNNING, List.of(DEPLOYING, STARTING, RUNNING),
            STOPPING, List.of(DEPLOYING, STARTING, RUNNING, STOPPING),
            STOPPED, List.of(DEPLOYING, STOPPED),
            FAILED, List.of(DEPLOYING, FAILED),
            KILLED, List.of(DEPLOYING, STARTING, KILLED),
            UNDEPLOYED, List.of(DEPLOYING, STOPPED, UNDEPLOYED));

    /** A clock that moves one second per reading, so each event has its own timestamp. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            now = now.plus(Duration.ofSeconds(1));
            return now;
        }

        Instant last() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final SteppingClock clock = new SteppingClock();

    private TenantLifecycle lifecycleIn(TenantState state) {
        TenantLifecycle lifecycle = new TenantLifecycle("shop", clock);
        for (TenantState step : PATH.get(state)) {
            lifecycle.moveTo(step, "on the way to " + state);
        }
        assertThat(lifecycle.state()).isEqualTo(state);
        return lifecycle;
    }

    static Stream<Arguments> allowedTransitions() {
        List<Arguments> pairs = new ArrayList<>();
        ALLOWED.forEach((from, targets) -> targets.forEach(to -> pairs.add(Arguments.of(from, to))));
        return pairs.stream();
    }

    static Stream<Arguments> illegalTransitions() {
        List<Arguments> pairs = new ArrayList<>();
        for (TenantState from : TenantState.values()) {
            for (TenantState to : TenantState.values()) {
                if (!ALLOWED.get(from).contains(to)) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    @Test
    void aNewAppStartsInStateNewWithoutEvents() {
        TenantLifecycle lifecycle = new TenantLifecycle("shop", clock);

        assertThat(lifecycle.state()).isEqualTo(NEW);
        assertThat(lifecycle.detail()).isEmpty();
        assertThat(lifecycle.events()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allowedTransitions")
    void allowedTransitionSucceedsAndIsRecordedWithTimeAndCause(TenantState from, TenantState to) {
        TenantLifecycle lifecycle = lifecycleIn(from);
        int before = lifecycle.events().size();

        lifecycle.moveTo(to, "because the test asked");

        assertThat(lifecycle.state()).isEqualTo(to);
        assertThat(lifecycle.events()).hasSize(before + 1);
        TenantEvent event = lifecycle.events().get(before);
        assertThat(event.type()).isEqualTo(TenantEvent.TRANSITION);
        assertThat(event.from()).isEqualTo(from);
        assertThat(event.to()).isEqualTo(to);
        assertThat(event.detail()).isEqualTo("because the test asked");
        assertThat(event.at()).isEqualTo(clock.last());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("illegalTransitions")
    void illegalTransitionIsRefusedNamingTenantStatesAndAllowedTargets(TenantState from, TenantState to) {
        TenantLifecycle lifecycle = lifecycleIn(from);
        List<TenantEvent> before = lifecycle.events();

        assertThatThrownBy(() -> lifecycle.moveTo(to, "not allowed"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.tenant()).isEqualTo("shop");
                    assertThat(e.from()).isEqualTo(from);
                    assertThat(e.to()).isEqualTo(to);
                    assertThat(e.getMessage()).contains("'shop'", from.name(), to.name());
                    for (TenantState target : ALLOWED.get(from)) {
                        assertThat(e.getMessage()).contains(target.name());
                    }
                });
        assertThat(lifecycle.state()).isEqualTo(from);
        assertThat(lifecycle.events()).isEqualTo(before);
    }

    @Test
    void illegalTransitionMessageListsTheAllowedTargetsOfTheCurrentState() {
        TenantLifecycle lifecycle = lifecycleIn(RUNNING);

        assertThatThrownBy(() -> lifecycle.moveTo(UNDEPLOYED, "skip the stop"))
                .hasMessage("tenant 'shop' is RUNNING and cannot become UNDEPLOYED; from RUNNING it can become [STOPPING, KILLED]");
    }

    @Test
    void failedAndKilledKeepTheirCauseAsDetailOtherStatesClearIt() {
        TenantLifecycle lifecycle = lifecycleIn(STARTING);

        lifecycle.moveTo(FAILED, "java.lang.IllegalStateException: no database");
        assertThat(lifecycle.detail()).isEqualTo("java.lang.IllegalStateException: no database");

        lifecycle.moveTo(STARTING, "retry");
        assertThat(lifecycle.detail()).isEmpty();

        lifecycle.moveTo(KILLED, "called System.exit");
        assertThat(lifecycle.detail()).isEqualTo("called System.exit");

        lifecycle.moveTo(STOPPED, "stopped by operator");
        assertThat(lifecycle.detail()).isEmpty();
    }

    @Test
    void noteRecordsAnEventWithoutChangingState() {
        TenantLifecycle lifecycle = lifecycleIn(RUNNING);

        lifecycle.note("redeploy-failed", "version abc failed to start");

        assertThat(lifecycle.state()).isEqualTo(RUNNING);
        TenantEvent last = lifecycle.events().get(lifecycle.events().size() - 1);
        assertThat(last.type()).isEqualTo("redeploy-failed");
        assertThat(last.from()).isEqualTo(RUNNING);
        assertThat(last.to()).isEqualTo(RUNNING);
        assertThat(last.detail()).isEqualTo("version abc failed to start");
        assertThat(last.at()).isEqualTo(clock.last());
    }

    @Test
    void onlyTheNewestEventsAreKept() {
        TenantLifecycle lifecycle = lifecycleIn(RUNNING);

        for (int i = 0; i < TenantLifecycle.MAX_EVENTS + 10; i++) {
            lifecycle.note("tick", "tick " + i);
        }

        List<TenantEvent> events = lifecycle.events();
        assertThat(events).hasSize(TenantLifecycle.MAX_EVENTS);
        assertThat(events.get(events.size() - 1).detail()).isEqualTo("tick " + (TenantLifecycle.MAX_EVENTS + 9));
    }

    @Test
    void stateGraphMatchesTheSpecification() {
        for (TenantState state : TenantState.values()) {
            assertThat(state.next()).as("targets of %s", state).isEqualTo(ALLOWED.get(state));
        }
        assertThat(EnumSet.allOf(TenantState.class).stream().filter(TenantState::isStartable))
                .containsExactlyInAnyOrder(STOPPED, FAILED, KILLED);
    }
}
