package org.c360.datasets.ecommerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.c360.analytics.work.C360Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorOptionsTest {

    @Test
    void scaleOneIsTheSeedModelsFullSize() {
        GeneratorOptions options = new GeneratorOptions(1.0, 42, DataFormat.parquet, Path.of("out"));
        assertEquals(1_000_000, options.customers());
        assertEquals(50_000, options.products());
    }

    @Test
    void smallScalesKeepAUsableCatalogue() {
        GeneratorOptions options = new GeneratorOptions(0.001, 42, DataFormat.parquet, Path.of("out"));
        assertEquals(1_000, options.customers());
        assertEquals(GeneratorOptions.MIN_PRODUCTS, options.products());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 0.0009, 10.5, Double.NaN, Double.POSITIVE_INFINITY})
    void scaleOutOfRangeIsRefusedInOneSentence(double scale) {
        C360Exception e = assertThrows(C360Exception.class,
                () -> new GeneratorOptions(scale, 42, DataFormat.parquet, Path.of("out")));
        assertEquals(1, e.getMessage().split("\\. ").length, e.getMessage());
    }

    @Test
    void fileNamesFollowTheFormat() {
        assertEquals("customers.parquet", DataFormat.parquet.fileName("customers"));
        assertEquals("interactions.json", DataFormat.json.fileName("interactions"));
    }
}
