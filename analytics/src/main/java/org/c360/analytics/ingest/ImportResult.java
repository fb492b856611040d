package org.c360.analytics.ingest;

import java.util.List;

/** What one import did: per file, the table it landed in and how many rows landed and were rejected. */
public record ImportResult(long importId, List<FileResult> files, long elapsedMillis, List<Step> steps) {

    /** How long one part of the import took (reading a file, building an entity, committing). */
    public record Step(String what, long millis) {
    }

    public ImportResult {
        files = List.copyOf(files);
        steps = List.copyOf(steps);
    }

    public ImportResult(long importId, List<FileResult> files, long elapsedMillis) {
        this(importId, files, elapsedMillis, List.of());
    }

    /** One line per step with its time, for {@code --timings}. */
    public String timings() {
        StringBuilder sb = new StringBuilder();
        for (Step step : steps) {
            sb.append(String.format("%8d ms  %s%n", step.millis(), step.what()));
        }
        return sb.append(String.format("%8d ms  total", elapsedMillis)).toString();
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
