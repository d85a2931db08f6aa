package io.cohost.kernel.governor;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.testing.LiveHost;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WAR may propose its quotas in WEB-INF/cohost.yaml; the operator's values win, and 'unlimited' is not the WAR's to give. */
class WarQuotaIT {
    @Test
    void quotasFromTheWarApplyUnlessTheOperatorSetsOthers(@TempDir Path data) throws Exception {
        Path war = withDescriptor(data, "quota: { cpu: 300m, threads: 40, memory: unlimited }");
        try (LiveHost host = new LiveHost(data)) {
            host.deploy("proposed", war);
            assertThat(host.host.management().app("proposed").quota()).containsEntry("cpu", "300m")
                    .containsEntry("threads", "40").doesNotContainKey("memory");
            assertThat(host.host.management().app("proposed").events()).anyMatch(e -> e.detail().contains("quota: unlimited"));

            host.host.management().setQuota("proposed", Map.of("cpu", "200m"));
            try (InputStream in = Files.newInputStream(war)) {
                host.host.management().deploy("proposed", in, DeployRequest.defaults());
            }
            assertThat(host.host.management().app("proposed").quota()).as("the operator's live quota survives a redeploy")
                    .containsEntry("cpu", "200m").containsEntry("threads", "40");

            try (InputStream in = Files.newInputStream(war)) {
                host.host.management().deploy("proposed", in, DeployRequest.defaults().withQuota(Map.of("threads", "10")));
            }
            assertThat(host.host.management().app("proposed").quota()).containsEntry("threads", "10");
        }
    }

    private static Path withDescriptor(Path dir, String yaml) throws Exception {
        Path target = dir.resolve("proposed.war");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(LiveHost.WARS.resolve("hello.war")));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.readAllBytes());
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("WEB-INF/cohost.yaml"));
            out.write(yaml.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return target;
    }
}
