package org.c360.analytics.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats an import reads, recognised by extension and confirmed by the first bytes. */
public enum SourceFormat {
    PARQUET("Parquet"), CSV("CSV"), JSON("JSON");

    private final String title;

    SourceFormat(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /**
     * The format of {@code file}: by extension ({@code .parquet}, {@code .csv/.tsv/.txt}, {@code .json/.ndjson/.jsonl},
     * each optionally {@code .gz}), else by content (Parquet's magic bytes, a leading '{' or '['), else CSV.
     */
    public static SourceFormat of(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            return PARQUET;
        }
        if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return JSON;
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt") || name.endsWith(".tab")) {
            return CSV;
        }
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return PARQUET;
        }
        for (int i = 0; i < n; i++) {
            char c = (char) (head[i] & 0xff);
            if (!Character.isWhitespace(c) && c != 0xEF && c != 0xBB && c != 0xBF) {
                return c == '{' || c == '[' ? JSON : CSV;
            }
        }
        return CSV;
    }
}
