package io.cohost.governor.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaParserTest {
    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
            "cpu, 250m, 250", "cpu, 1.5, 1500", "cpu, 2, 2000", "cpu, 0.1, 100",
            "memory, 128Mi, 134217728", "memory, 1Gi, 1073741824", "memory, 500M, 500000000", "memory, 64Ki, 65536", "memory, 1000, 1000",
            "files, 64, 64", "threads, 50, 50", "concurrency, 20, 20",
            "requestCpu, 200ms, 200000000", "requestCpu, 1.5s, 1500000000", "requestCpu, 1s, 1000000000"})
    void parsesKubernetesForms(String resource, String text, long expected) {
        assertThat(QuotaParser.parse(Resource.ofKey(resource), text)).isEqualTo(Limit.of(expected));
    }

    @Test
    void unlimitedAndBlankAreDistinct() {
        assertThat(QuotaParser.parse(Resource.CPU, "unlimited")).isEqualTo(Limit.UNLIMITED);
        assertThat(QuotaParser.parse(Resource.CPU, "")).isEqualTo(Limit.DEFAULT);
    }

    @ParameterizedTest(name = "{0} {1} is refused")
    @CsvSource({"cpu, 250x", "cpu, -1", "cpu, 0", "cpu, 1.5m", "memory, 12Qi", "memory, lots", "files, 1.5", "threads, 10k",
            "requestCpu, 200", "requestCpu, 2h"})
    void refusesWithTheAcceptedForms(String resource, String text) {
        Resource r = Resource.ofKey(resource);
        assertThatThrownBy(() -> QuotaParser.parse(r, text))
                .isInstanceOf(QuotaException.class)
                .hasMessageContaining("invalid " + r.key() + " quota '" + text + "'")
                .hasMessageContaining(r.forms());
    }

    @Test
    void unknownQuotaNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Quota.parse(Map.of("cores", "2")))
                .hasMessage("unknown quota 'cores'; the quotas are cpu, memory, files, threads, requestCpu, concurrency");
    }

    @Test
    void formatRoundTrips() {
        Quota q = Quota.parse(Map.of("cpu", "1.5", "memory", "128Mi", "requestCpu", "200ms", "threads", "unlimited"));
        assertThat(q.toMap()).containsEntry("cpu", "1500m").containsEntry("memory", "128Mi")
                .containsEntry("requestCpu", "200ms").containsEntry("threads", "unlimited");
        assertThat(Quota.parse(q.toMap())).isEqualTo(q);
    }

    @Test
    void defaultsFillOnlyWhatTheAppLeavesUnset() {
        Quota app = Quota.parse(Map.of("cpu", "250m"));
        Quota defaults = Quota.parse(Map.of("cpu", "1", "threads", "1000"));
        assertThat(app.orDefaults(defaults).toMap()).containsEntry("cpu", "250m").containsEntry("threads", "1000");
        assertThat(app.with(Map.of("cpu", "")).orDefaults(defaults).get(Resource.CPU)).isEqualTo(Limit.of(1000));
    }
}
