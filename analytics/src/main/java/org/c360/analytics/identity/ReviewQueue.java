package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;

/**
 * Pairs the probabilistic pass was unsure about, for the analyst to accept or reject. Decisions are kept in
 * {@code identity_decisions} and win over the model in every later run; they take effect when resolution
 * runs next.
 */
public final class ReviewQueue {

    /** A pair waiting for a decision, with both records' main fields and the evidence. */
    public record Pair(String leftKey, String rightKey, double weight, double probability, String status,
                       String evidence, String left, String right) {
    }

    public enum Decision { ACCEPT, REJECT }

    /** A decision the analyst recorded, with both records' main fields. */
    public record Decided(String leftKey, String rightKey, Decision decision, LocalDateTime decidedAt, String left,
                          String right) {
    }

    /** Both records' main fields: name, e-mail, phone, date of birth, city. */
    private static final String DESCRIBE = """
            concat_ws(', ', %1$s.display_first_name || ' ' || %1$s.display_last_name, %1$s.email, %1$s.phone,
                      CAST(%1$s.date_of_birth AS VARCHAR), %1$s.display_city)""";

    private final Workspace workspace;

    public ReviewQueue(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Pairs waiting for review (or all scored pairs when {@code all}), strongest first. */
    public List<Pair> pairs(boolean all, int limit) {
        List<Pair> pairs = new ArrayList<>();
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT m.left_key, m.right_key, m.weight, m.probability, m.status, m.evidence,
                            concat_ws(', ', l.display_first_name || ' ' || l.display_last_name, l.email, l.phone,
                                      CAST(l.date_of_birth AS VARCHAR), l.display_city),
                            concat_ws(', ', r.display_first_name || ' ' || r.display_last_name, r.email, r.phone,
                                      CAST(r.date_of_birth AS VARCHAR), r.display_city)
                     FROM identity_matches m
                     LEFT JOIN identity_records l ON l.record_key = m.left_key
                     LEFT JOIN identity_records r ON r.record_key = m.right_key
                     WHERE ? OR m.status = 'review' ORDER BY m.weight DESC LIMIT ?""")) {
            statement.setBoolean(1, all);
            statement.setInt(2, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    pairs.add(new Pair(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new C360Exception("Reading the review queue failed: " + e.getMessage(), e);
        }
        return pairs;
    }

    /** The scored pair of these two records (in either order), if the probabilistic pass compared them. */
    public Optional<Pair> pair(String leftKey, String rightKey) {
        String left = leftKey.compareTo(rightKey) <= 0 ? leftKey : rightKey;
        String right = left.equals(leftKey) ? rightKey : leftKey;
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT m.left_key, m.right_key, m.weight, m.probability, m.status, m.evidence, %s, %s
                     FROM identity_matches m
                     LEFT JOIN identity_records l ON l.record_key = m.left_key
                     LEFT JOIN identity_records r ON r.record_key = m.right_key
                     WHERE (m.left_key = ? AND m.right_key = ?) OR (m.left_key = ? AND m.right_key = ?)"""
                     .formatted(DESCRIBE.formatted("l"), DESCRIBE.formatted("r")))) {
            statement.setString(1, left);
            statement.setString(2, right);
            statement.setString(3, right);
            statement.setString(4, left);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Pair(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        } catch (SQLException e) {
            throw new C360Exception("Reading the review queue failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code recordKey} ("raw_crm_customers:CRM-1") is an identity record of the latest resolution. */
    public boolean isRecord(String recordKey) {
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM identity_records WHERE record_key = ?")) {
            statement.setString(1, recordKey);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new C360Exception("Reading the identity records failed: " + e.getMessage(), e);
        }
    }

    /** The decisions recorded so far, newest first. */
    public List<Decided> decisions(int limit) {
        List<Decided> decided = new ArrayList<>();
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT d.left_key, d.right_key, d.decision, d.decided_at, %s, %s
                     FROM identity_decisions d
                     LEFT JOIN identity_records l ON l.record_key = d.left_key
                     LEFT JOIN identity_records r ON r.record_key = d.right_key
                     ORDER BY d.decided_at DESC, d.left_key, d.right_key LIMIT ?"""
                     .formatted(DESCRIBE.formatted("l"), DESCRIBE.formatted("r")))) {
            statement.setInt(1, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    decided.add(new Decided(rs.getString(1), rs.getString(2),
                            "accept".equals(rs.getString(3)) ? Decision.ACCEPT : Decision.REJECT,
                            rs.getTimestamp(4).toLocalDateTime(), rs.getString(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new C360Exception("Reading the review decisions failed: " + e.getMessage(), e);
        }
        return decided;
    }

    /** Records the analyst's decision on a pair; the next resolution applies it. */
    public void decide(String leftKey, String rightKey, Decision decision) {
        String left = leftKey.compareTo(rightKey) <= 0 ? leftKey : rightKey;
        String right = left.equals(leftKey) ? rightKey : leftKey;
        try (Connection connection = workspace.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO identity_decisions(left_key, right_key, decision) VALUES (?, ?, ?)");
                 PreparedStatement update = connection.prepareStatement(
                         "UPDATE identity_matches SET status = ? WHERE left_key = ? AND right_key = ?")) {
                insert.setString(1, left);
                insert.setString(2, right);
                insert.setString(3, decision == Decision.ACCEPT ? "accept" : "reject");
                insert.executeUpdate();
                update.setString(1, decision == Decision.ACCEPT ? "accepted" : "rejected");
                update.setString(2, left);
                update.setString(3, right);
                update.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new C360Exception("Saving the decision failed: " + e.getMessage(), e);
        }
    }
}
