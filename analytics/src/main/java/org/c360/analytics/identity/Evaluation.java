package org.c360.analytics.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;

/**
 * Pairwise precision, recall and F1 of a resolution against a ground truth: every pair of records the
 * resolution put together is a predicted match, every pair of records of one true person a true match.
 * Records of the ground truth the resolution did not place count as people of their own.
 *
 * <p>The ground truth is a CSV file with columns {@code source, record_id, person_id}; {@code source} is the
 * imported file's name without extension ({@code crm_customers} for {@code raw_crm_customers}).
 */
public final class Evaluation {

    /** The figures of one evaluation. */
    public record Metrics(long records, long truePersons, long predictedPersons, long truePairs, long predictedPairs,
                          long correctPairs) {

        public double precision() {
            return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
        }

        public double recall() {
            return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public String describe() {
            return String.format("records %,d; true people %,d, resolved people %,d; pairs: true %,d, predicted %,d, "
                            + "correct %,d; precision %.4f, recall %.4f, F1 %.4f", records, truePersons, predictedPersons,
                    truePairs, predictedPairs, correctPairs, precision(), recall(), f1());
        }
    }

    private final Workspace workspace;

    public Evaluation(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Evaluates the latest resolution against the ground-truth CSV at {@code groundTruth}. */
    public Metrics against(Path groundTruth) {
        if (!Files.isRegularFile(groundTruth)) {
            throw new C360Exception("The ground truth " + groundTruth + " is not a file.");
        }
        try (Connection connection = workspace.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE c360_truth AS SELECT CAST(source AS VARCHAR) AS source, "
                    + "CAST(record_id AS VARCHAR) AS record_id, CAST(person_id AS VARCHAR) AS person_id FROM read_csv("
                    + Sql.literal(groundTruth.toAbsolutePath().toString()) + ", header = true, all_varchar = true)");
            List<IdentitySource> sources = new ArrayList<>(IdentitySources.load(connection).values());
            statement.execute("CREATE OR REPLACE TEMP TABLE c360_placed AS SELECT source, record_id, customer360_id"
                    + " FROM identity_links UNION ALL " + Attachments.selectAll(connection, sources));
            return metrics(connection);
        } catch (SQLException e) {
            throw new C360Exception("Evaluating against " + groundTruth.getFileName() + " failed: " + e.getMessage(), e);
        }
    }

    private static Metrics metrics(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH joined AS (
                    SELECT t.person_id, coalesce(l.customer360_id, 'unplaced:' || t.source || ':' || t.record_id) AS predicted
                    FROM c360_truth t
                    LEFT JOIN c360_placed l ON l.source = 'raw_' || t.source AND l.record_id = t.record_id),
                cells AS (SELECT person_id, predicted, count(*) AS n FROM joined GROUP BY ALL),
                persons AS (SELECT person_id, sum(n) AS n FROM cells GROUP BY ALL),
                predicted AS (SELECT predicted, sum(n) AS n FROM cells GROUP BY ALL)
                SELECT (SELECT sum(n) FROM cells), (SELECT count(*) FROM persons), (SELECT count(*) FROM predicted),
                       (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM persons),
                       (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM predicted),
                       (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM cells)""");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return new Metrics(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
        }
    }
}
