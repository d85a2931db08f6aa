package io.cohost.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** The WARs the build copied to {@code target/wars}, and WARs the tests build from them. */
final class TestWars {
    private TestWars() {}

    static Path war(String name) {
        Path war = Path.of(System.getProperty("cohost.wars", "target/wars")).resolve(name + ".war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("test WAR " + war + " is missing; run the build through Maven, which copies it"
                    + " (see the test-wars execution in the pom)");
        }
        return war;
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(war(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version the host gives a WAR: the SHA-256 of its bytes. */
    static String version(byte[] war) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(war));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String version(String name) {
        return version(bytes(name));
    }

    /** A copy of a sample WAR with extra entries added (or replaced). */
    static byte[] withEntries(String name, Map<String, byte[]> extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war(name))); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!extra.containsKey(e.getName())) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
            }
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip of the given entries, written as given: names are not checked. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static InputStream stream(byte[] bytes) {
        return new java.io.ByteArrayInputStream(bytes);
    }
}
