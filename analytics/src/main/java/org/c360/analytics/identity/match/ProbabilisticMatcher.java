package org.c360.analytics.identity.match;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.Progress;

/**
 * The probabilistic pass (Fellegi-Sunter, as Splink does it) for records that share no exact key: candidate
 * pairs from blocking rules, levels of agreement per field, u from random pairs, m and lambda by
 * expectation-maximisation, exact name matches weighed by how common the name is, and each pair's weight as
 * the sum of its fields' log2(m/u). Pairs above the auto-merge probability are merged, pairs between the two
 * thresholds wait for the analyst, whose earlier accept/reject decisions win over the model. Every scored pair
 * keeps its evidence: each field's level and the weight it added.
 *
 * <p>Reads {@code identity_records} and {@code c360_det_clusters} (pairs inside one deterministic person are
 * not compared); writes this run's rows of {@code identity_matches}.
 */
public final class ProbabilisticMatcher {

    private final Connection connection;
    private final Progress progress;
    private final MatchOptions options;
    private final List<Comparison> comparisons = Comparison.personModel();
    /** An incremental run's: only pairs with a new record are compared, with the model of the last full run. */
    private String newKeys;
    private MatchModel fixedModel;

    /** What the pass did. Pairs to merge are in {@code c360_merge_pairs(left_key, right_key)}. */
    public record Result(long people, long candidatePairs, long autoMerged, long review, long accepted, long rejected,
                         MatchModel model) {
    }

    public ProbabilisticMatcher(Connection connection, Progress progress, MatchOptions options) {
        this.connection = connection;
        this.progress = progress;
        this.options = options;
    }

    /**
     * Compares only pairs where one side is in {@code newKeysTable(record_key)}, scored with {@code model} (the
     * last full run's; a scope of touched people is no sample to learn m and u from). Earlier runs' merges
     * between the records in scope are carried.
     */
    public ProbabilisticMatcher incremental(String newKeysTable, MatchModel model) {
        this.newKeys = newKeysTable;
        this.fixedModel = model;
        return this;
    }

    public Result run(long runId, String clustersTable) throws SQLException {
        try {
            return compare(runId, clustersTable);
        } finally {
            // the people compared (millions of rows) would hold memory through the rest of the run
            execute("DROP TABLE IF EXISTS c360_people");
        }
    }

    private Result compare(long runId, String clustersTable) throws SQLException {
        progress.update(-1, "Comparing records that share no identifier");
        // how common a name is counts over all records, also when only some are compared
        StringBuilder tfColumns = new StringBuilder();
        StringBuilder tfJoins = new StringBuilder();
        for (Comparison comparison : comparisons) {
            if (comparison.termFrequency()) {
                String column = comparison.column();
                execute("CREATE OR REPLACE TEMP TABLE c360_tf_" + column + " AS SELECT " + column + " AS v, count(*) / sum(count(*))"
                        + " OVER () AS tf FROM identity_records WHERE (first_name IS NOT NULL OR last_name IS NOT NULL) AND "
                        + column + " IS NOT NULL GROUP BY " + column);
                tfColumns.append(", tf_").append(column).append(".tf AS tf_").append(column);
                tfJoins.append(" LEFT JOIN c360_tf_").append(column).append(" tf_").append(column).append(" ON tf_")
                        .append(column).append(".v = r.").append(column);
            }
        }
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_people AS
                SELECT %s, c.cluster, CAST(row_number() OVER (ORDER BY r.record_key) AS INTEGER) AS pid,
                       strftime(r.date_of_birth, '%%Y%%m%%d') AS dob_text, %s AS fresh%s
                FROM identity_records r JOIN %s c USING (record_key)%s
                WHERE r.first_name IS NOT NULL OR r.last_name IS NOT NULL""".formatted(columnsRead(), newKeys == null ? "true"
                : "r.record_key IN (SELECT record_key FROM " + newKeys + ")", tfColumns, clustersTable, tfJoins));
        for (Comparison comparison : comparisons) {
            if (comparison.termFrequency()) {
                execute("DROP TABLE c360_tf_" + comparison.column());
            }
        }
        // Pairs are joined on pid, a number in record_key order (so left < right means the same either way):
        // millions of pairs joined on integers instead of text keys.
        long people = scalar("SELECT count(*) FROM c360_people");
        execute("CREATE OR REPLACE TEMP TABLE c360_merge_pairs (left_key VARCHAR, right_key VARCHAR)");
        if (people < 2) {
            return new Result(people, 0, 0, 0, 0, 0, null);
        }
        // Pairs the deterministic pass already joined are kept for training: they are most of the true
        // matches, without which EM has nothing to learn what a match looks like from.
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < options.blockingRules().size(); i++) {
            blocks.add(blockPairs(i, options.blockingRules().get(i)));
        }
        execute("CREATE OR REPLACE TEMP TABLE c360_pair_rules AS " + String.join("\nUNION ALL\n", blocks));
        for (int i = 0; i < options.blockingRules().size(); i++) {
            execute("DROP TABLE IF EXISTS c360_block_" + i);
        }
        execute("CREATE OR REPLACE TEMP TABLE c360_pairs AS SELECT left_pid, right_pid, any_value(linked) AS linked"
                + " FROM c360_pair_rules GROUP BY left_pid, right_pid");
        execute("CREATE OR REPLACE TEMP TABLE c360_pair_levels AS SELECT p.left_pid, p.right_pid, p.linked, " + levelColumns()
                + " FROM c360_pairs p JOIN c360_people l ON l.pid = p.left_pid JOIN c360_people r ON r.pid = p.right_pid");
        long pairs = scalar("SELECT count(*) FROM c360_pair_levels WHERE NOT linked");
        if (pairs == 0) {
            return new Result(people, 0, 0, 0, 0, 0, null);
        }
        progress.update(-1, "Estimating the match model (" + pairs + " candidate pairs)");
        MatchModel model = fixedModel;
        if (model == null) {
            double[][] u = estimateU();
            model = estimateM(u);
        }
        score(runId, model);
        long auto = scalar("SELECT count(*) FROM identity_matches WHERE run_id = " + runId + " AND status = 'auto'");
        long review = scalar("SELECT count(*) FROM identity_matches WHERE run_id = " + runId + " AND status = 'review'");
        long accepted = scalar("SELECT count(*) FROM identity_matches WHERE run_id = " + runId + " AND status = 'accepted'");
        long rejected = scalar("SELECT count(*) FROM identity_matches WHERE run_id = " + runId + " AND status = 'rejected'");
        // Decisions on pairs this run did not score (the data changed) still hold.
        execute("""
                INSERT INTO c360_merge_pairs
                SELECT left_key, right_key FROM identity_matches WHERE %s AND status IN ('auto', 'accepted')
                UNION
                SELECT d.left_key, d.right_key FROM identity_decisions d
                JOIN c360_people l ON l.record_key = d.left_key JOIN c360_people r ON r.record_key = d.right_key
                WHERE d.decision = 'accept'""".formatted(newKeys == null ? "run_id = " + runId
                : "left_key IN (SELECT record_key FROM c360_people) AND right_key IN (SELECT record_key FROM c360_people)"));
        for (String table : List.of("c360_pair_rules", "c360_pairs", "c360_pair_levels")) {
            execute("DROP TABLE IF EXISTS " + table);
        }
        return new Result(people, pairs, auto, review, accepted, rejected, model);
    }

    /**
     * The record columns comparisons and blocking rules read (with the record key): millions of people
     * numbered, sorted and joined to their pairs carry these, not every column of their records.
     */
    private String columnsRead() {
        Set<String> columns = new TreeSet<>(List.of("record_key"));
        Pattern column = Pattern.compile("\\b[lr]\\.([a-z_]+)\\b");
        for (Comparison comparison : comparisons) {
            columns.add(comparison.column());
            for (Comparison.Level level : comparison.levels()) {
                column.matcher(level.condition()).results().map(m -> m.group(1)).forEach(columns::add);
            }
        }
        options.blockingRules().forEach(rule -> columns.addAll(rule.columns()));
        // dob_text is derived below, not a record column
        columns.remove("dob_text");
        columns.add("date_of_birth");
        return String.join(", ", columns.stream().map(c -> "r." + c).toList());
    }

    /**
     * Writes rule {@code i}'s blocks, small enough to compare ({@code c360_block_i}), and returns the query of
     * their pairs. Blocks larger than the limit are purged (see {@link MatchOptions#DEFAULT_MAX_BLOCK}).
     */
    private String blockPairs(int i, BlockingRule rule) throws SQLException {
        List<String> keys = rule.keysOf("p");
        StringBuilder select = new StringBuilder("SELECT p.pid, p.cluster, p.fresh");
        List<String> names = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            select.append(", ").append(keys.get(k)).append(" AS b").append(k);
            names.add("b" + k);
        }
        String partition = String.join(", ", names);
        execute("CREATE OR REPLACE TEMP TABLE c360_block_" + i + " AS SELECT * FROM (" + select + " FROM c360_people p WHERE "
                + String.join(" AND ", keys.stream().map(k -> k + " IS NOT NULL").toList())
                + ") QUALIFY count(*) OVER (PARTITION BY " + partition + ") BETWEEN 2 AND " + options.maxBlockSize());
        String on = String.join(" AND ", names.stream().map(n -> "l." + n + " = r." + n).toList());
        return "SELECT " + i + " AS rule, l.pid AS left_pid, r.pid AS right_pid, l.cluster = r.cluster AS linked"
                + " FROM c360_block_" + i + " l JOIN c360_block_" + i + " r ON " + on + " AND l.pid < r.pid"
                + (newKeys == null ? "" : " AND (l.fresh OR r.fresh)");
    }

    private String levelColumns() {
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < comparisons.size(); c++) {
            columns.add("CAST(" + comparisons.get(c).levelSql() + " AS TINYINT) AS g" + c);
        }
        for (Comparison comparison : comparisons) {
            if (comparison.termFrequency()) {
                columns.add("l.tf_" + comparison.column());
            }
        }
        return String.join(", ", columns);
    }

    /** u: how often each level occurs between two records drawn at random (nearly all different people). */
    private double[][] estimateU() throws SQLException {
        // drawn by a hash of the record, not by row position: a table filled in parallel has no fixed row order,
        // and a re-run on the same data must draw the same records
        String sample = "(SELECT * FROM c360_people ORDER BY hash(record_key, " + options.seed() + "), record_key LIMIT "
                + options.sampleRecords() + ")";
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int c = 0; c < comparisons.size(); c++) {
            sql.append(c == 0 ? "" : ", ").append(comparisons.get(c).levelSql()).append(" AS g").append(c);
        }
        sql.append(" FROM ").append(sample).append(" l, ").append(sample.replace("hash(record_key, " + options.seed() + ")",
                "hash(record_key, " + (options.seed() + 1) + ")")).append(" r WHERE l.record_key <> r.record_key AND l.cluster <> r.cluster");
        double[][] counts = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            counts[c] = new double[comparisons.get(c).levelCount()];
        }
        StringBuilder grouped = new StringBuilder("SELECT ");
        for (int c = 0; c < comparisons.size(); c++) {
            grouped.append("g").append(c).append(", ");
        }
        grouped.append("count(*) FROM (").append(sql).append(") GROUP BY ALL");
        try (PreparedStatement statement = connection.prepareStatement(grouped.toString());
             Progress.Registration ignored = progress.cancels(statement);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                long n = rs.getLong(comparisons.size() + 1);
                for (int c = 0; c < comparisons.size(); c++) {
                    int level = rs.getInt(c + 1);
                    if (level >= 0) {
                        counts[c][level] += n;
                    }
                }
            }
        }
        double[][] u = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            double total = 0;
            for (double n : counts[c]) {
                total += n;
            }
            u[c] = new double[counts[c].length];
            for (int level = 0; level < u[c].length; level++) {
                // Laplace smoothing: a level no random pair reached is rare, not impossible
                u[c][level] = Estimator.clamp((counts[c][level] + 1) / (total + u[c].length));
            }
        }
        return u;
    }

    /**
     * Below this many pairs the deterministic pass linked, m is learned by EM instead of from them.
     */
    static final long MIN_LABELLED_PAIRS = 1_000;

    /**
     * m per blocking rule, each with the rule's own columns left out (its pairs agree on them by
     * construction), averaged over the rules that could learn it.
     *
     * <p>When the deterministic pass linked enough pairs, they are the labelled matches m is counted from (as
     * Splink's {@code estimate_m_from_label_column}): on a million people with common names, EM's "match"
     * class also took in namesakes sharing a postcode, and learned that a different birth date or customer id
     * says little. Otherwise EM, with u fixed.
     */
    private MatchModel estimateM(double[][] u) throws SQLException {
        boolean labelled = scalar("SELECT count(*) FROM c360_pair_levels WHERE linked") >= MIN_LABELLED_PAIRS;
        int fields = comparisons.size();
        double[][] sum = new double[fields][];
        int[] rules = new int[fields];
        boolean converged = true;
        int iterations = 0;
        for (int c = 0; c < fields; c++) {
            sum[c] = new double[comparisons.get(c).levelCount()];
        }
        for (int i = 0; i < options.blockingRules().size(); i++) {
            List<String> masked = options.blockingRules().get(i).columns();
            Patterns patterns = patterns("SELECT l.* FROM c360_pair_levels l JOIN c360_pair_rules r USING (left_pid, right_pid)"
                    + " WHERE r.rule = " + i + (labelled ? " AND l.linked" : ""), masked);
            if (patterns.total() == 0) {
                continue;
            }
            MatchModel fitted = labelled ? Estimator.fromLabels(comparisons, patterns.levels(), patterns.counts(), u)
                    : Estimator.fit(comparisons, patterns.levels(), patterns.counts(), u);
            converged &= fitted.converged();
            iterations = Math.max(iterations, fitted.iterations());
            for (int c = 0; c < fields; c++) {
                if (!masked.contains(comparisons.get(c).column()) && patterns.sees(c)) {
                    for (int level = 0; level < sum[c].length; level++) {
                        sum[c][level] += fitted.m()[c][level];
                    }
                    rules[c]++;
                }
            }
        }
        double[][] m = new double[fields][];
        for (int c = 0; c < fields; c++) {
            m[c] = new double[sum[c].length];
            for (int level = 0; level < m[c].length; level++) {
                m[c][level] = rules[c] == 0 ? 1.0 / m[c].length : Estimator.clamp(sum[c][level] / rules[c]);
            }
        }
        double[][] uUsed = u;
        for (int c = 0; c < fields; c++) {
            if (rules[c] == 0) {
                // nothing taught this field what a match looks like: it weighs nothing
                uUsed = uUsed == u ? java.util.Arrays.stream(u).map(double[]::clone).toArray(double[][]::new) : uUsed;
                java.util.Arrays.fill(uUsed[c], 1.0 / m[c].length);
            }
        }
        return new MatchModel(comparisons, randomMatchProbability(), m, uUsed, converged, iterations);
    }

    /**
     * The prior: the probability that two records drawn at random are the same person. u was measured on
     * random pairs, so the prior must be too (a prior fitted on blocked pairs would count the blocked fields'
     * agreement twice). Estimated, as Splink does, from the pairs the deterministic pass joined among all
     * pairs of people records; those miss some true matches, so the prior errs on the cautious side.
     */
    private double randomMatchProbability() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT sum(n * (n - 1) / 2), (SELECT count(*) FROM c360_people)
                FROM (SELECT count(*) AS n FROM c360_people GROUP BY cluster)""");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            double linked = rs.getDouble(1);
            double people = rs.getDouble(2);
            double pairs = people * (people - 1) / 2;
            return Estimator.clamp(Math.max(linked, 1) / pairs);
        }
    }

    /** Distinct level patterns of some pairs with their counts; masked columns set to missing. */
    private record Patterns(int[][] levels, long[] counts, long total) {
        boolean sees(int comparison) {
            for (int[] pattern : levels) {
                if (pattern[comparison] >= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private Patterns patterns(String pairs, List<String> masked) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int c = 0; c < comparisons.size(); c++) {
            sql.append(masked.contains(comparisons.get(c).column()) ? "-1" : "g" + c).append(" AS g").append(c).append(", ");
        }
        sql.append("count(*) FROM (").append(pairs).append(") GROUP BY ALL");
        List<int[]> levels = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long total = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql.toString());
             Progress.Registration ignored = progress.cancels(statement);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                int[] pattern = new int[comparisons.size()];
                for (int c = 0; c < pattern.length; c++) {
                    pattern[c] = rs.getInt(c + 1);
                }
                levels.add(pattern);
                long n = rs.getLong(comparisons.size() + 1);
                counts.add(n);
                total += n;
            }
        }
        return new Patterns(levels.toArray(int[][]::new), counts.stream().mapToLong(Long::longValue).toArray(), total);
    }

    /**
     * Weights every candidate pair; auto-merges, queues or drops it; applies the analyst's decisions; and
     * writes the evidence. A model that did not converge merges nothing: its pairs all go to review.
     */
    private void score(long runId, MatchModel model) throws SQLException {
        List<String> levelWeights = new ArrayList<>();
        List<String> tfWeights = new ArrayList<>();
        List<String> fieldWeights = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        // what each kept pair carries to the evidence: its levels, and the name frequencies
        List<String> carried = new ArrayList<>();
        for (int c = 0; c < comparisons.size(); c++) {
            Comparison comparison = comparisons.get(c);
            StringBuilder field = new StringBuilder("CASE g").append(c);
            StringBuilder label = new StringBuilder("CASE g").append(c);
            for (int level = 0; level < comparison.levelCount(); level++) {
                field.append(" WHEN ").append(level).append(" THEN ").append(model.weight(c, level));
                label.append(" WHEN ").append(level).append(" THEN '").append(comparison.label(level).replace("'", "''"))
                        .append("'");
            }
            field.append(" ELSE 0 END");
            label.append(" END");
            levelWeights.add(field.toString());
            String fieldWeight = field.toString();
            if (comparison.termFrequency()) {
                // an exact match on a rare name says more than on a common one: log2(u_exact / tf(name))
                String tf = "p.tf_" + comparison.column();
                String adjustment = "CASE WHEN p.g" + c + " = 0 AND " + tf + " > 0 THEN least(10, greatest(-10, log2("
                        + model.u()[c][0] + " / " + tf + "))) ELSE 0 END";
                tfWeights.add(adjustment);
                fieldWeight = "(" + fieldWeight + " + " + adjustment + ")";
                carried.add(tf);
            }
            fieldWeights.add(fieldWeight + " AS w" + c);
            carried.add("p.g" + c);
            evidence.add("CASE WHEN g" + c + " >= 0 THEN '" + comparison.name() + ": ' || " + label
                    + " || ' (' || printf('%+.2f', w" + c + ") || ')' END");
        }
        String patternColumns = String.join(", ", IntStream.range(0, comparisons.size()).mapToObj(c -> "g" + c).toList());
        double reviewWeight = weightOf(options.review());
        double autoWeight = weightOf(options.autoMerge());
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_decided AS
                SELECT l.pid AS left_pid, r.pid AS right_pid FROM identity_decisions d
                JOIN c360_people l ON l.record_key = d.left_key JOIN c360_people r ON r.record_key = d.right_key""");
        // Millions of pairs share a couple of thousand level patterns: each pattern's weight is worked out once
        // and joined (a third of the time of twelve CASEs per pair); only the pairs kept get their fields' weights.
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_pattern_weights AS
                SELECT %1$s, %2$s + %3$s AS weight FROM (SELECT DISTINCT %1$s FROM c360_pair_levels WHERE NOT linked)"""
                .formatted(patternColumns, model.priorWeight(), String.join(" + ", levelWeights)));
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_scored AS
                SELECT *, %s, %s AS names_agree FROM (
                    SELECT * FROM (
                        SELECT p.left_pid, p.right_pid, %s, w.weight%s AS weight
                        FROM c360_pair_levels p JOIN c360_pattern_weights w USING (%s) WHERE NOT p.linked) s
                    WHERE s.weight >= %s OR EXISTS (SELECT 1 FROM c360_decided d
                                                    WHERE d.left_pid = s.left_pid AND d.right_pid = s.right_pid)) p"""
                .formatted(String.join(", ", fieldWeights), namesAgree(), String.join(", ", carried),
                        tfWeights.isEmpty() ? "" : " + " + String.join(" + ", tfWeights), patternColumns, reviewWeight));
        execute("DROP TABLE c360_pattern_weights");
        execute("""
                INSERT OR REPLACE INTO identity_matches
                SELECT l.record_key, r.record_key, %d, s.weight, 1 / (1 + pow(2, -s.weight)),
                       CASE WHEN d.decision = 'accept' THEN 'accepted'
                            WHEN d.decision = 'reject' THEN 'rejected'
                            WHEN s.weight >= %s AND %s AND s.names_agree THEN 'auto'
                            ELSE 'review' END,
                       printf('prior %%+.2f; ', %s) || concat_ws('; ', %s)
                FROM c360_scored s JOIN c360_people l ON l.pid = s.left_pid JOIN c360_people r ON r.pid = s.right_pid
                LEFT JOIN identity_decisions d ON d.left_key = l.record_key AND d.right_key = r.record_key""".formatted(
                runId, autoWeight, model.converged(), model.priorWeight(), String.join(", ", evidence)));
        execute("DROP TABLE c360_scored");
        execute("DROP TABLE c360_decided");
    }

    /**
     * Whether the two first and last names agree at least loosely (or are missing). A pair whose names
     * clearly differ is never merged without the analyst however strong the rest: people of one household
     * share an address, an e-mail and often a surname, and the model takes fields as independent.
     */
    private String namesAgree() {
        List<String> checks = new ArrayList<>();
        for (int c = 0; c < comparisons.size(); c++) {
            Comparison comparison = comparisons.get(c);
            if (comparison.termFrequency()) {
                checks.add("g" + c + " < " + (comparison.levelCount() - 1));
            }
        }
        return checks.isEmpty() ? "true" : "(" + String.join(" AND ", checks) + ")";
    }

    /** The weight at which the match probability is {@code probability}. */
    static double weightOf(double probability) {
        return Math.log(probability / (1 - probability)) / Math.log(2);
    }

    private long scalar(String sql) throws SQLException {
        return Statements.scalar(connection, sql);
    }

    private void execute(String sql) throws SQLException {
        Statements.execute(connection, progress, sql);
    }
}
