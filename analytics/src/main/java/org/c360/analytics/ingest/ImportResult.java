package org.c360.analytics.ingest;

import java.util.List;

/** What one import did: per file, the table it landed in and how many rows landed and were rejected. */
public record ImportResult(long importId, List<FileResult> files, long elapsedMillis) {

    public ImportResult {
        files = List.copyOf(files);
    }

    public long rowsLanded() {
        return files.stream().mapToLong(FileResult::rowsLanded).sum();
    }

    public long rowsRejected() {
        return files.stream().mapToLong(FileResult::rowsRejected).sum();
    }

    /** One line per file, for the CLI and the app's summary. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (FileResult file : files) {
            sb.append(file.describe()).append('\n');
        }
        sb.append(String.format("Import %d: %,d rows landed, %,d rejected, %d file(s), %.1f s.", importId,
                rowsLanded(), rowsRejected(), files.size(), elapsedMillis / 1000.0));
        return sb.toString();
    }
}
