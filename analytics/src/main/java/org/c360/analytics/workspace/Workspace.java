package org.c360.analytics.workspace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Optional;

import org.c360.analytics.work.C360Exception;
import org.duckdb.DuckDBConnection;

/**
 * One workspace: a single DuckDB database file ({@code *.c360}) holding raw imports, rejected rows,
 * mappings, canonical entities and everything derived from them.
 *
 * <p>Opening creates the file if needed and applies pending {@link Migrations}. A workspace is held by one
 * process at a time: a lock file beside it names the holder, so a second app instance gets a clear message
 * instead of a DuckDB lock error (or worse). Each thread that works on the workspace takes its own
 * {@link #connect() connection}; DuckDB runs them concurrently with snapshot isolation.
 */
public final class Workspace implements AutoCloseable {

    /** File name extension of workspaces. */
    public static final String EXTENSION = ".c360";
    /** The DuckDB storage format new workspace files are created in (the bundled DuckDB's own). */
    static final String STORAGE_VERSION = "v1.5.0";

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final DuckDBConnection root;
    private volatile boolean closed;

    private Workspace(Path file, FileChannel lockChannel, FileLock lock, DuckDBConnection root) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.root = root;
    }

    /** Opens (creating if missing) the workspace at {@code file} and brings its schema up to date. */
    public static Workspace open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new C360Exception("Cannot create the folder for workspace " + absolute + ": " + e.getMessage(), e);
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            throw new C360Exception("Workspace " + absolute + " is not a file.");
        }
        Path lockFile = lockFileOf(absolute);
        FileChannel channel = null;
        FileLock lock = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(lockFile);
                channel.close();
                throw new WorkspaceInUseException(absolute, holder);
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode(ProcessHandle.current().pid() + "\n"), 0);

            DuckDBConnection connection = connectTo(absolute);
            Workspace workspace = new Workspace(absolute, channel, lock, connection);
            try {
                Migrations.apply(connection);
            } catch (RuntimeException e) {
                workspace.close();
                throw e;
            }
            return workspace;
        } catch (IOException e) {
            release(channel, lock);
            throw new C360Exception("Cannot lock workspace " + absolute + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (!(e instanceof WorkspaceInUseException)) {
                release(channel, lock);
            }
            throw e;
        }
    }

    private static DuckDBConnection connectTo(Path absolute) {
        try {
            Properties properties = new Properties();
            // Workspaces are local files; never reach out to the network for extensions.
            properties.setProperty("autoinstall_known_extensions", "false");
            properties.setProperty("autoload_known_extensions", "true");
            memoryLimit().ifPresent(limit -> properties.setProperty("memory_limit", limit));
            // A new workspace file is written in DuckDB's current storage format rather than the default one
            // readable by DuckDB 0.10: its strings are stored with DICT_FSST, which writes text columns about a
            // quarter faster at the same size (resolving writes tens of millions of rows). Existing files keep
            // the format they were created in.
            properties.setProperty("storage_compatibility_version", STORAGE_VERSION);
            Connection connection = DriverManager.getConnection("jdbc:duckdb:" + absolute, properties);
            return connection.unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("not a valid DuckDB database file") || message.contains("Unable to open")
                    || message.contains("database file")) {
                throw new C360Exception("Cannot open " + absolute + ": it is not a Customer 360 workspace ("
                        + firstLine(message) + ").", e);
            }
            throw new C360Exception("Cannot open workspace " + absolute + ": " + firstLine(message), e);
        }
    }

    /**
     * DuckDB takes up to 80 % of RAM by default, spilling to disk beyond it. A laptop running other work, or
     * several workspaces on one machine, caps it with {@code -Dc360.memoryLimit=4GB} or {@code C360_MEMORY_LIMIT}.
     */
    static Optional<String> memoryLimit() {
        String limit = System.getProperty("c360.memoryLimit", System.getenv("C360_MEMORY_LIMIT"));
        return limit == null || limit.isBlank() ? Optional.empty() : Optional.of(limit.strip());
    }

    static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // best effort on a failure path; the OS drops the lock with the process anyway
        }
    }

    private static String readHolder(Path lockFile) {
        try {
            return Files.readString(lockFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    static Path lockFileOf(Path workspaceFile) {
        return workspaceFile.resolveSibling(workspaceFile.getFileName() + ".lock");
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** A display name: the file name without its extension. */
    public String name() {
        String name = file.getFileName().toString();
        return name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
    }

    /**
     * A new connection to this workspace for the calling thread; close it when done. Connections are cheap
     * (they share the database instance) and each has its own transaction.
     */
    public Connection connect() {
        ensureOpen();
        try {
            Connection connection = root.duplicate();
            try (var statement = connection.createStatement()) {
                // Timestamps without an offset mean UTC everywhere in a workspace, whatever the laptop's zone.
                statement.execute("SET TimeZone = 'UTC'");
            }
            return connection;
        } catch (SQLException e) {
            throw new C360Exception("Cannot connect to workspace " + file + ": " + e.getMessage(), e);
        }
    }

    /** The catalog of tables in this workspace, by layer. */
    public Catalog catalog() {
        return new Catalog(this);
    }

    public boolean isOpen() {
        return !closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new C360Exception("Workspace " + file + " is closed.");
        }
    }

    /** Checkpoints and closes the database, then releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            try (var statement = root.createStatement()) {
                statement.execute("CHECKPOINT");
            } catch (SQLException ignored) {
                // a checkpoint failure must not keep the file locked; DuckDB replays its WAL on next open
            }
            root.close();
        } catch (SQLException e) {
            throw new C360Exception("Closing workspace " + file + " failed: " + e.getMessage(), e);
        } finally {
            release(lockChannel, lock);
        }
    }

    @Override
    public String toString() {
        return "Workspace[" + file + "]";
    }
}
