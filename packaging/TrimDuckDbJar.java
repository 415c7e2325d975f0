import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies the DuckDB JDBC jar without its four bundled native libraries (80 MB) and writes the
 * current platform's library beside it. DuckDB loads a library found on java.library.path before
 * unpacking its own, so the packaged app skips the 70 MB unpack to the temp dir at every start.
 *
 * Usage: java TrimDuckDbJar.java IN.jar OUT.jar PLATFORM_SUFFIX LIB_OUT
 */
public class TrimDuckDbJar {
    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String wanted = "libduckdb_java.so_" + args[2];
        Path libOut = Path.of(args[3]);
        boolean found = false;
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(in));
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                if (e.getName().startsWith("libduckdb_java.so_")) {
                    if (e.getName().equals(wanted)) {
                        try (OutputStream lib = Files.newOutputStream(libOut)) {
                            zin.transferTo(lib);
                        }
                        found = true;
                    }
                    continue;
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zin.transferTo(zout);
                zout.closeEntry();
            }
        }
        if (!found) {
            throw new IllegalStateException(in + " has no native library " + wanted);
        }
    }
}
