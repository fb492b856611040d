package org.c360.analytics.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import org.c360.analytics.identity.ResolveOptions;
import org.c360.analytics.identity.Resolver;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Exports: formats and columns, consent, hashed audiences, atomic writes and refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentExportTest {

    @TempDir
    static Path dir;
    private Workspace workspace;
    private SegmentExport export;

    @BeforeAll
    void resolve() {
        workspace = TestWorkspaces.create(dir);
        new Importer(workspace).importFiles(List.of(TestWorkspaces.write(dir, "crm_customers.csv", SegmentsTest.CRM),
                TestWorkspaces.write(dir, "subscriptions.csv", SegmentsTest.SUBSCRIPTIONS)), Progress.none());
        new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
        export = new SegmentExport(workspace);
    }

    @AfterAll
    void close() {
        workspace.close();
    }

    private SegmentExport.Result run(String expression, Path file, SegmentExport.Format format, List<String> columns,
                                     boolean optedOut, boolean overwrite) {
        return export.export(new SegmentExport.Request(SegmentExport.Selection.of(expression), file, format, columns, optedOut,
                overwrite), Progress.none());
    }

    @Test
    void csvHasTheChosenColumnsAndLeavesOutTheOptedOut() throws IOException {
        Path file = dir.resolve("germany.csv");
        SegmentExport.Result result = run("country = 'DE'", file, SegmentExport.Format.CSV, List.of("first_name", "city"), false, false);
        assertEquals(2, result.rows());
        assertEquals(1, result.excludedOptedOut()); // Peter said no
        List<String> lines = Files.readAllLines(file);
        assertEquals("first_name,city", lines.getFirst());
        assertEquals(java.util.Set.of("Anna,Berlin", "Julia,Hamburg"), java.util.Set.copyOf(lines.subList(1, lines.size())));

        Path all = dir.resolve("germany-all.csv");
        SegmentExport.Result everyone = run("country = 'DE'", all, SegmentExport.Format.CSV, List.of("first_name"), true, false);
        assertEquals(3, everyone.rows());
        assertEquals(0, everyone.excludedOptedOut());
    }

    @Test
    void parquetAndXlsxAreReadable() throws IOException {
        Path parquet = dir.resolve("fr.parquet");
        assertEquals(2, run("country = 'FR'", parquet, SegmentExport.Format.PARQUET, null, false, false).rows());
        assertEquals(2L, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM read_parquet('" + parquet + "') WHERE country = 'FR'"));

        Path xlsx = dir.resolve("fr.xlsx");
        assertEquals(2, run("country = 'FR'", xlsx, SegmentExport.Format.XLSX, List.of("first_name", "orders_count"), false, false).rows());
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            String sheet;
            try (InputStream in = zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))) {
                sheet = new String(in.readAllBytes());
            }
            String strings;
            try (InputStream in = zip.getInputStream(zip.getEntry("xl/sharedStrings.xml"))) {
                strings = new String(in.readAllBytes());
            }
            assertTrue(strings.contains("first_name") && strings.contains("Tom") && strings.contains("Lea"), strings);
            assertEquals(3, sheet.split("<row ").length - 1, sheet); // header and two people
        }
    }

    @Test
    void audienceFileHashesNormalisedEmailAndE164Phone() throws IOException {
        Path file = dir.resolve("audience.csv");
        SegmentExport.Result result = run("first_name in ('Anna', 'Tom')", file, SegmentExport.Format.AUDIENCE, null, false, false);
        assertEquals(2, result.rows());
        List<String> lines = Files.readAllLines(file);
        assertEquals("Email,Phone", lines.getFirst());
        assertEquals(java.util.Set.of(AudienceHashing.sha256("anna.meier@example.com") + "," + AudienceHashing.sha256("+49301234567"),
                AudienceHashing.sha256("tom.becker@example.com") + ","), java.util.Set.copyOf(lines.subList(1, 3)));
        assertFalse(String.join("\n", lines).contains("@"), "no address in clear");
    }

    @Test
    void normalisationFollowsGooglesRules() {
        assertEquals("johnsmith@gmail.com", AudienceHashing.normalizeEmail("  John.Smith@Gmail.com "));
        assertEquals("johnsmith@googlemail.com", AudienceHashing.normalizeEmail("john.smith@googlemail.com"));
        assertEquals("john.smith+news@example.com", AudienceHashing.normalizeEmail("John.Smith+news@Example.com"));
        assertEquals("+4915112345678", AudienceHashing.normalizePhone("0151 1234 5678", "DE"));
        assertEquals("+16502530000", AudienceHashing.normalizePhone("+1 (650) 253-0000", null));
        // SHA-256 of "test@gmail.com", as any sha256sum gives it
        assertEquals("87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674", AudienceHashing.sha256("test@gmail.com"));
    }

    @Test
    void anExistingFileIsNotOverwrittenUnlessAsked() throws IOException {
        Path file = dir.resolve("kept.csv");
        Files.writeString(file, "precious");
        C360Exception refused = assertThrows(C360Exception.class,
                () -> run("country = 'DE'", file, SegmentExport.Format.CSV, null, false, false));
        assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
        assertEquals("precious", Files.readString(file));
        run("country = 'DE'", file, SegmentExport.Format.CSV, List.of("first_name"), false, true);
        assertEquals("first_name", Files.readAllLines(file).getFirst());
    }

    @Test
    void anUnwritableLocationFailsCleanlyWithNoPartialFile() throws IOException {
        Path notAFolder = TestWorkspaces.write(dir, "plain-file", "x");
        C360Exception missing = assertThrows(C360Exception.class,
                () -> run("", notAFolder.resolve("out.csv"), SegmentExport.Format.CSV, null, false, false));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        Path cancelledDir = Files.createDirectory(dir.resolve("cancelled"));
        Progress cancelled = Progress.none();
        cancelled.cancel();
        assertThrows(CancelledException.class, () -> export.export(new SegmentExport.Request(SegmentExport.Selection.of(""),
                cancelledDir.resolve("out.xlsx"), SegmentExport.Format.XLSX, null, true, false), cancelled));
        try (var files = Files.list(cancelledDir)) {
            assertEquals(List.of(), files.toList(), "nothing left behind");
        }

        C360Exception unknown = assertThrows(C360Exception.class, () -> export.export(new SegmentExport.Request(
                SegmentExport.Selection.saved("Nobody"), dir.resolve("nobody.csv"), SegmentExport.Format.CSV, null, false, false),
                Progress.none()));
        assertTrue(unknown.getMessage().contains("No saved segment named 'Nobody'"), unknown.getMessage());
        assertFalse(Files.exists(dir.resolve("nobody.csv")));

        C360Exception column = assertThrows(C360Exception.class,
                () -> run("", dir.resolve("c.csv"), SegmentExport.Format.CSV, List.of("emial"), false, false));
        assertTrue(column.getMessage().contains("did you mean"), column.getMessage());
        assertFalse(Files.exists(dir.resolve("c.csv")));
    }
}
