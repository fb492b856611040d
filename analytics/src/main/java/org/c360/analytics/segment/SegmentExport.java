package org.c360.analytics.segment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a segment's people to a file: chosen profile columns as CSV, Parquet or XLSX, or an ad-platform
 * audience file of hashed e-mails and phones ({@link AudienceHashing}). People who opted out are left out
 * unless asked, and the result says how many. The file is written beside its target under a temporary name
 * and renamed into place only when complete, so a failure (read-only folder, full disk, cancel) leaves no
 * partial file; an existing file is replaced only when {@link Request#overwrite()} says so.
 */
public final class SegmentExport {

    public enum Format {
        CSV("csv"), PARQUET("parquet"), XLSX("xlsx"), AUDIENCE("csv");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** The format a file name implies; {@code hashed} asks for the audience file (a CSV). */
        public static Format of(Path file, boolean hashed) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (hashed) {
                if (!name.endsWith(".csv")) {
                    throw new C360Exception("A hashed audience file is a CSV: name it *.csv, not " + file.getFileName() + ".");
                }
                return AUDIENCE;
            }
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".parquet")) {
                return PARQUET;
            }
            if (name.endsWith(".xlsx")) {
                return XLSX;
            }
            throw new C360Exception("Cannot tell the export format of " + file.getFileName() + ": name it *.csv, *.parquet or *.xlsx.");
        }
    }

    /** Which people: a live expression or a saved segment's members as last refreshed. */
    public record Selection(String expression, String savedName) {
        public static Selection of(String expression) {
            return new Selection(expression, null);
        }

        public static Selection saved(String name) {
            return new Selection(null, name);
        }
    }

    /** @param columns profile columns for CSV, Parquet and XLSX (null or empty: the default ones); unused for an audience */
    public record Request(Selection selection, Path file, Format format, List<String> columns, boolean includeOptedOut,
                          boolean overwrite) {
    }

    /**
     * @param rows            people written
     * @param excludedOptedOut people of the segment left out because they opted out (0 when they were included)
     * @param withoutContact  for an audience: people with neither a usable e-mail nor phone, not written
     */
    public record Result(Path file, Format format, long rows, long excludedOptedOut, long withoutContact, long millis) {
    }

    private static final String IDS = "c360_export_ids";

    private final Workspace workspace;

    public SegmentExport(Workspace workspace) {
        this.workspace = workspace;
    }

    public Result export(Request request, Progress progress) {
        long start = System.nanoTime();
        Path file = checkTarget(request.file(), request.overwrite());
        Path temporary = null;
        try (Connection connection = workspace.connect()) {
            SegmentCompiler compiler = new SegmentCompiler(connection);
            List<String> columns = Segments.columns(compiler, request.columns());
            long excluded = select(connection, compiler, request, progress);
            temporary = temporaryBeside(file);
            long[] written = switch (request.format()) {
                // USE_TMP_FILE false: DuckDB's own "tmp_" file would outlive a failure; ours is already temporary
                case CSV -> copy(connection, columns, temporary, "FORMAT csv, HEADER true, USE_TMP_FILE false", progress);
                case PARQUET -> copy(connection, columns, temporary, "FORMAT parquet, COMPRESSION zstd, USE_TMP_FILE false", progress);
                case XLSX -> xlsx(connection, columns, temporary, progress);
                case AUDIENCE -> audience(connection, temporary, progress);
            };
            progress.throwIfCancelled();
            // the whole file or nothing: the rename is the only step that touches the target
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + IDS);
            }
            return new Result(file, request.format(), written[0], excluded, written[1], (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            if (progress.isCancelled()) {
                throw new CancelledException();
            }
            throw new C360Exception("Exporting to " + file + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new C360Exception("Exporting to " + file + " failed: " + describe(e), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the export failed already; a temporary file we cannot delete is named .*.part beside it
                }
            }
        }
    }

    /**
     * The target as an absolute path, once it is known to be writable as asked: its folder exists, it is no
     * folder itself, and it does not exist unless {@code overwrite}. Callers check before long work.
     */
    public static Path checkTarget(Path target, boolean overwrite) {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (Files.isDirectory(file)) {
            throw new C360Exception(file + " is a folder; name the file to export to.");
        }
        if (Files.exists(file) && !overwrite) {
            throw new C360Exception(file + " already exists; choose another name or allow overwriting it (--overwrite).");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new C360Exception("Cannot export to " + file + ": the folder " + dir + " does not exist.");
        }
        return file;
    }

    /** Fills the id table with the selection's people; returns how many opted-out people were removed. */
    private long select(Connection connection, SegmentCompiler compiler, Request request, Progress progress) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + IDS + " (customer360_id VARCHAR)");
        }
        Selection selection = request.selection();
        String insert;
        CompiledSegment compiled = null;
        if (selection.savedName() != null) {
            if (new Segments(workspace).get(selection.savedName()).isEmpty()) {
                throw new C360Exception("No saved segment named '" + selection.savedName() + "' (c360 segment --list shows them).");
            }
            insert = "INSERT INTO " + IDS + " SELECT m.customer360_id FROM segment_members m JOIN segments s USING (segment_id)"
                    + " WHERE s.name = ?";
        } else {
            compiled = compiler.compile(selection.expression());
            insert = "INSERT INTO " + IDS + " " + compiled.membersSql();
        }
        progress.update(-1, "Selecting the segment's people");
        try (PreparedStatement statement = connection.prepareStatement(insert);
             Progress.Registration ignored = progress.cancels(statement)) {
            if (compiled != null) {
                compiled.bind(statement, 1);
            } else {
                statement.setString(1, selection.savedName());
            }
            statement.executeUpdate();
        }
        if (request.includeOptedOut()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + IDS + " WHERE customer360_id IN"
                + " (SELECT customer360_id FROM " + SegmentCompiler.PROFILES + " WHERE opt_in_status = ?)")) {
            statement.setString(1, Segments.OPTED_OUT);
            return statement.executeUpdate();
        }
    }

    private static String rowsSql(List<String> columns) {
        return "SELECT " + String.join(", ", columns.stream().map(c -> "p." + Sql.ident(c)).toList()) + " FROM "
                + SegmentCompiler.PROFILES + " p SEMI JOIN " + IDS + " i USING (customer360_id) ORDER BY p.customer360_id";
    }

    private static long[] copy(Connection connection, List<String> columns, Path target, String options, Progress progress)
            throws SQLException {
        progress.update(-1, "Writing " + target.getFileName());
        long rows;
        try (Statement statement = connection.createStatement();
             Progress.Registration ignored = progress.cancels(statement)) {
            // a file path cannot be a parameter of COPY; it is quoted as a literal
            statement.execute("COPY (" + rowsSql(columns) + ") TO " + Sql.literal(target.toString()) + " (" + options + ")");
            rows = statement.getUpdateCount();
        }
        if (rows < 0) {
            rows = count(connection);
        }
        return new long[] {rows, 0};
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + IDS)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long[] xlsx(Connection connection, List<String> columns, Path target, Progress progress)
            throws SQLException, IOException {
        long total = count(connection);
        long rows = 0;
        try (OutputStream out = Files.newOutputStream(target);
             Statement statement = connection.createStatement();
             Progress.Registration ignored = progress.cancels(statement);
             ResultSet rs = statement.executeQuery(rowsSql(columns))) {
            Workbook workbook = new Workbook(out, "Customer 360 Workbench", "1.0");
            Worksheet sheet = workbook.newWorksheet("Segment");
            for (int c = 0; c < columns.size(); c++) {
                sheet.value(0, c, columns.get(c));
                sheet.style(0, c).bold().set();
            }
            while (rs.next()) {
                int r = (int) ++rows;
                for (int c = 0; c < columns.size(); c++) {
                    cell(sheet, r, c, rs.getObject(c + 1));
                }
                if ((rows & 4095) == 0) {
                    progress.throwIfCancelled();
                    progress.update((double) rows / Math.max(1, total), "Writing " + target.getFileName());
                    sheet.flush(); // stream the rows out instead of holding them
                }
            }
            workbook.finish();
        }
        return new long[] {rows, 0};
    }

    private static void cell(Worksheet sheet, int r, int c, Object value) throws SQLException {
        switch (value) {
            case null -> { }
            case Number n when !(n instanceof BigDecimal) -> sheet.value(r, c, n);
            case BigDecimal n -> sheet.value(r, c, n);
            case Boolean b -> sheet.value(r, c, b);
            case Timestamp t -> {
                sheet.value(r, c, t.toLocalDateTime());
                sheet.style(r, c).format("yyyy-mm-dd hh:mm:ss").set();
            }
            case LocalDateTime t -> {
                sheet.value(r, c, t);
                sheet.style(r, c).format("yyyy-mm-dd hh:mm:ss").set();
            }
            case java.sql.Date d -> {
                sheet.value(r, c, d.toLocalDate());
                sheet.style(r, c).format("yyyy-mm-dd").set();
            }
            case LocalDate d -> {
                sheet.value(r, c, d);
                sheet.style(r, c).format("yyyy-mm-dd").set();
            }
            case java.sql.Array a -> sheet.value(r, c, List.of((Object[]) a.getArray()).toString());
            default -> sheet.value(r, c, value.toString());
        }
    }

    /** Email and Phone columns, hashed; people with neither are counted, not written. */
    private static long[] audience(Connection connection, Path target, Progress progress) throws SQLException, IOException {
        long total = count(connection);
        long rows = 0;
        long without = 0;
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(target), StandardCharsets.UTF_8));
             Statement statement = connection.createStatement();
             Progress.Registration ignored = progress.cancels(statement);
             ResultSet rs = statement.executeQuery("SELECT p.primary_email, p.primary_phone, p.country FROM "
                     + SegmentCompiler.PROFILES + " p SEMI JOIN " + IDS + " i USING (customer360_id) ORDER BY p.customer360_id")) {
            out.write("Email,Phone\n");
            long seen = 0;
            while (rs.next()) {
                seen++;
                String email = AudienceHashing.sha256(AudienceHashing.normalizeEmail(rs.getString(1)));
                String phone = AudienceHashing.sha256(AudienceHashing.normalizePhone(rs.getString(2), rs.getString(3)));
                if (email == null && phone == null) {
                    without++;
                } else {
                    out.write((email == null ? "" : email) + "," + (phone == null ? "" : phone) + "\n");
                    rows++;
                }
                if ((seen & 4095) == 0) {
                    progress.throwIfCancelled();
                    progress.update((double) seen / Math.max(1, total), "Hashing contacts");
                }
            }
        }
        return new long[] {rows, without};
    }

    /** An empty file beside the target, hidden, that the rename will turn into it. */
    private static Path temporaryBeside(Path file) {
        try {
            // not createTempFile: its owner-only permissions would stay on the exported file
            String random = Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36);
            return Files.createFile(file.getParent().resolve("." + file.getFileName() + "." + random + ".part"));
        } catch (IOException e) {
            throw new C360Exception("Cannot write to the folder " + file.getParent() + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (the folder or file is read-only)";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
