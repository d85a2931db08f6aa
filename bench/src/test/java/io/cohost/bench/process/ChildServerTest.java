package io.cohost.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChildServerTest {
    @Test
    void aReplyIsReadAsKeyValuePairs() {
        assertThat(ChildServer.parse("ok stopMs=12.5 threads=7 survivors=0"))
                .containsEntry("stopMs", "12.5").containsEntry("threads", "7").containsEntry("survivors", "0").hasSize(3);
    }
}
