package io.cohost.kernel.container;

import io.cohost.isolation.TenantClassLoader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.jasper.compiler.JDTCompiler;
import org.apache.jasper.compiler.SmapStratum;

/**
 * Jasper's JSP compiler, followed by the tenant's transformation pipeline: the class files of a
 * compiled page (and its inner classes) are rewritten in place before Jasper's own loader defines
 * them, so JSP pages and tag files get the same redirections of JVM-global calls as the WAR's classes.
 * Jasper creates it by name from the JSP servlet's {@code compilerClassName} init parameter.
 */
public final class TransformingJspCompiler extends JDTCompiler {
    @Override
    protected void generateClass(Map<String, SmapStratum> smaps) throws Exception {
        super.generateClass(smaps);
        TenantClassLoader tenant = tenantLoader(ctxt.getClassLoader());
        if (tenant == null) {
            return;
        }
        Path classFile = Path.of(ctxt.getClassFileName());
        String simpleName = classFile.getFileName().toString().replaceFirst("\\.class$", "");
        String packagePath = ctxt.getFQCN().contains(".")
                ? ctxt.getFQCN().substring(0, ctxt.getFQCN().lastIndexOf('.')).replace('.', '/') + "/" : "";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(classFile.getParent(),
                p -> p.getFileName().toString().equals(simpleName + ".class") || p.getFileName().toString().startsWith(simpleName + "$"))) {
            for (Path f : files) {
                String internalName = packagePath + f.getFileName().toString().replaceFirst("\\.class$", "");
                transform(tenant, internalName, f);
            }
        }
    }

    private static void transform(TenantClassLoader tenant, String internalName, Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        byte[] transformed = tenant.transformForeign(internalName, original);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, transformed);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The JSP loader's chain leads to the tenant's loader (the web app's); null outside a tenant. */
    private static TenantClassLoader tenantLoader(ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof TenantClassLoader t) {
                return t;
            }
        }
        return null;
    }
}
