package org.c360.datasets.ecommerce;

/**
 * File format of a generated dataset: one file per table, named after the table with this extension.
 * Constants are lower case because the command line takes them as typed ({@code --format csv}).
 */
public enum DataFormat {
    /** Apache Parquet, zstd-compressed: the default, smallest and fastest to import. */
    parquet("(FORMAT parquet, COMPRESSION zstd)"),
    /** Comma-separated values with a header line. */
    csv("(FORMAT csv, HEADER true)"),
    /** Newline-delimited JSON: one object per line. */
    json("(FORMAT json)");

    private final String copyOptions;

    DataFormat(String copyOptions) {
        this.copyOptions = copyOptions;
    }

    /** File name extension, without the dot. */
    public String extension() {
        return name();
    }

    /** The file name of {@code table} in this format, e.g. {@code customers.parquet}. */
    public String fileName(String table) {
        return table + "." + extension();
    }

    /** The options of DuckDB's {@code COPY ... TO} that write this format. */
    String copyOptions() {
        return copyOptions;
    }
}
