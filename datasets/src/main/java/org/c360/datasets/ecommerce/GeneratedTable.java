package org.c360.datasets.ecommerce;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One table written by the generator.
 *
 * @param name    table name ({@code customers}, {@code products}, {@code transactions}, {@code interactions})
 * @param file    the written file
 * @param rows    rows in it
 * @param bytes   its size
 * @param elapsed time spent generating and writing it
 */
public record GeneratedTable(String name, Path file, long rows, long bytes, Duration elapsed) {
}
