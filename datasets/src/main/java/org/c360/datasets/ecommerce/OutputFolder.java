package org.c360.datasets.ecommerce;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.c360.analytics.work.C360Exception;

/**
 * The folder a dataset is written to. Files are written into a hidden staging folder inside it and
 * moved to their final names only when all of them are complete, so a cancelled or failed run leaves
 * the folder as it was. A folder may be written again if its files came from this generator (its
 * manifest lists them); files of the same names from anywhere else are never overwritten.
 */
final class OutputFolder implements AutoCloseable {

    private final Path dir;
    private final Path staging;
    private final Optional<Manifest> previous;

    private OutputFolder(Path dir, Path staging, Optional<Manifest> previous) {
        this.dir = dir;
        this.staging = staging;
        this.previous = previous;
    }

    /**
     * Checks that the files {@code fileNames} (paths relative to {@code dir}, such as
     * {@code customers.parquet} or {@code sources/orders.csv}) may be written to {@code dir} and opens its
     * staging folder, with the same subfolders.
     */
    static OutputFolder prepare(Path dir, List<String> fileNames) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new C360Exception("The output " + absolute + " is a file, not a folder.");
        }
        Optional<Manifest> previous = Manifest.read(absolute);
        if (previous.isEmpty() && Files.exists(absolute.resolve(Manifest.FILE_NAME))) {
            throw new C360Exception("The folder " + absolute + " already holds a " + Manifest.FILE_NAME
                    + " that 'c360 generate' did not write; choose another folder.");
        }
        Set<String> ours = new HashSet<>();
        previous.ifPresent(m -> m.tables().forEach(e -> ours.add(e.file())));
        for (String name : fileNames) {
            if (Files.exists(absolute.resolve(name)) && !ours.contains(name)) {
                throw new C360Exception("The folder " + absolute + " already contains " + name
                        + ", which 'c360 generate' did not write; choose an empty folder or remove that file.");
            }
        }
        try {
            Files.createDirectories(absolute);
            Path staging = Files.createTempDirectory(absolute, ".c360-generate-");
            for (String name : fileNames) {
                Path parent = staging.resolve(name).getParent();
                if (!parent.equals(staging)) {
                    Files.createDirectories(parent);
                }
            }
            return new OutputFolder(absolute, staging, previous);
        } catch (AccessDeniedException e) {
            throw new C360Exception("Cannot write to the folder " + absolute + " (permission denied).", e);
        } catch (IOException e) {
            throw new C360Exception("Cannot write to the folder " + absolute + ": " + reason(e), e);
        }
    }

    /** The final folder. */
    Path dir() {
        return dir;
    }

    /** Where a file (a path relative to the folder) is written before it is published. */
    Path staged(String fileName) {
        return staging.resolve(fileName);
    }

    /** Where DuckDB may spill intermediate results that do not fit in memory. */
    Path spill() {
        return staging.resolve("spill");
    }

    /**
     * Moves the staged files and then {@code manifest} into the folder, and removes the files of the
     * previous dataset that the new one does not replace (e.g. its CSV files when Parquet is written now, or
     * its {@code sources/} files, and then that folder if it is left empty, when they are not asked for now).
     * The manifest goes first: were the moves interrupted, it names files whose sizes do not match yet,
     * which marks the folder as incomplete rather than as holding the old dataset.
     *
     * @return the published data files, in manifest order
     */
    List<Path> publish(Manifest manifest) throws IOException {
        Set<String> next = new HashSet<>();
        manifest.tables().forEach(e -> next.add(e.file()));
        for (Manifest.Entry old : previous.map(Manifest::tables).orElse(List.of())) {
            if (!next.contains(old.file())) {
                Path file = dir.resolve(old.file());
                Files.deleteIfExists(file);
                if (!file.getParent().equals(dir)) {
                    try {
                        Files.deleteIfExists(file.getParent());
                    } catch (DirectoryNotEmptyException stillUsed) {
                        // other files of it remain (ours or someone else's): keep the folder
                    }
                }
            }
        }
        Path stagedManifest = staged(Manifest.FILE_NAME);
        manifest.write(stagedManifest);
        move(stagedManifest, dir.resolve(Manifest.FILE_NAME));
        List<Path> files = new ArrayList<>();
        for (Manifest.Entry entry : manifest.tables()) {
            Path target = dir.resolve(entry.file());
            Files.createDirectories(target.getParent());
            move(staged(entry.file()), target);
            files.add(target);
        }
        return files;
    }

    /** Deletes the staging folder and whatever is left in it. */
    @Override
    public void close() {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover hidden staging folder is harmless; the next run makes its own
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + ".";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "." : ": " + e.getMessage() + ".");
    }
}
