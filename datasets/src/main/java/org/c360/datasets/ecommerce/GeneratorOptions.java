package org.c360.datasets.ecommerce;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Objects;

import org.c360.analytics.work.C360Exception;

/**
 * What to generate: the e-commerce model at {@code scale} (1.0 = 1 million customers, 50,000 products,
 * about 7.3 million transactions and 27 million interactions, the seed model's full size), from
 * {@code seed}, as {@code format} files in {@code outDir}. The same options always give the same bytes.
 * With {@code sources}, the raw exports of the shop's other systems (CRM, loyalty, web events, orders,
 * support, billing) are written too, into {@code outDir/sources/} (see
 * {@link org.c360.datasets.sources.SourceFile}).
 *
 * @throws C360Exception when the scale is out of range (the message says the allowed range)
 */
public record GeneratorOptions(double scale, long seed, DataFormat format, Path outDir, boolean sources) {

    /** Smallest scale: 1,000 customers. */
    public static final double MIN_SCALE = 0.001;
    /** Largest scale: 10 million customers, about 340 million rows; beyond that a laptop runs out of disk. */
    public static final double MAX_SCALE = 10;
    /** Customers at scale 1.0. */
    public static final long CUSTOMERS_AT_SCALE_1 = 1_000_000;
    /** Products at scale 1.0. */
    public static final long PRODUCTS_AT_SCALE_1 = 50_000;
    /** The catalogue never shrinks below this, so every product type and brand keeps several products. */
    public static final long MIN_PRODUCTS = 500;

    public GeneratorOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(outDir, "outDir");
        if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
            throw new C360Exception("The scale must be between " + plain(MIN_SCALE) + " and " + plain(MAX_SCALE)
                    + " (1.0 = 1 million customers), not " + plain(scale) + ".");
        }
    }

    /** The e-commerce tables alone. */
    public GeneratorOptions(double scale, long seed, DataFormat format, Path outDir) {
        this(scale, seed, format, outDir, false);
    }

    /** {@code 0.02} rather than {@code 2.0E-2}, {@code 10} rather than {@code 10.0}. */
    private static String plain(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : String.valueOf(value);
    }

    /** Number of customers: {@code scale} x 1,000,000. */
    public long customers() {
        return Math.round(scale * CUSTOMERS_AT_SCALE_1);
    }

    /** Number of products: {@code scale} x 50,000, at least {@value #MIN_PRODUCTS}. */
    public long products() {
        return Math.max(MIN_PRODUCTS, Math.round(scale * PRODUCTS_AT_SCALE_1));
    }
}
