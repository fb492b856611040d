package org.c360.app.ui.mapping;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.c360.analytics.link.Approval;
import org.c360.analytics.link.LinkSuggestions;
import org.c360.analytics.link.Suggestion;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.task.Tasks;

/**
 * The suggested links of one raw table in the Mapping tab: columns whose values are found among the
 * identifiers the workspace knows, ranked, each with its evidence and what approving it would set. They are
 * drafts: Approve applies one (in the background), Reject hides it for good. Looks for links in the
 * background when the table's suggestions are stale.
 */
final class LinksPane extends VBox {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final Tasks tasks;
    private final Consumer<Approval> onApproved;
    private final VBox list = new VBox(10);
    private final Label status = new Label();
    private final ProgressIndicator looking = new ProgressIndicator();
    private final Button again = new Button("Look again");
    private Workspace workspace;
    private String table;

    /** @param onApproved after an approval was applied (reload the mapping it changed) */
    LinksPane(Tasks tasks, Consumer<Approval> onApproved) {
        super(8);
        this.tasks = tasks;
        this.onApproved = onApproved;
        setId("links-pane");
        getStyleClass().add("links-pane");
        Label title = new Label("Suggested links");
        title.getStyleClass().add("title-4");
        looking.setPrefSize(16, 16);
        looking.setVisible(false);
        again.setId("links-refresh");
        again.getStyleClass().add("small");
        again.setOnAction(e -> look(true));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, looking, spacer, again);
        header.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Columns whose values are found among identifiers this workspace already knows, after "
                + "standardisation. Drafts: nothing changes until you approve one.");
        hint.getStyleClass().add("dim");
        hint.setWrapText(true);
        list.setId("links-list");
        status.setId("links-status");
        status.setWrapText(true);
        status.getStyleClass().add("dim");
        getChildren().setAll(header, hint, list, status);
    }

    /** Shows the suggestions of {@code rawTable}; when they are stale, looks again in the background. */
    void show(Workspace workspace, String rawTable, List<Suggestion> suggestions, boolean stale) {
        boolean sameTable = rawTable.equals(table);
        this.workspace = workspace;
        this.table = rawTable;
        if (!sameTable) {
            status.setText("");
        }
        fill(suggestions);
        if (stale) {
            look(false);
        }
    }

    private void look(boolean force) {
        Workspace ws = workspace;
        String rawTable = table;
        looking.setVisible(true);
        again.setDisable(true);
        status.setText("Looking for links of " + rawTable + "…");
        tasks.run("Looking for links in " + rawTable, progress -> {
            LinkSuggestions links = new LinkSuggestions(ws);
            List<LinkSuggestions.TableScan> scans = force ? links.refresh(List.of(rawTable), progress)
                    : links.refreshStale(List.of(rawTable), progress);
            return new Looked(links.list(rawTable, true), scans);
        }).onSuccess(looked -> {
            if (rawTable.equals(table)) {
                fill(looked.suggestions());
                status.setText(looked.scans().stream().findFirst().map(scan -> String.format(Locale.ROOT,
                        "Looked at %,d of %,d rows of %s and %d kinds of known identifier.", scan.rowsRead(),
                        scan.rowsTotal(), rawTable, scan.targets())).orElse(""));
            }
        }).onError(error -> {
            if (rawTable.equals(table)) {
                status.setText(org.c360.app.ui.task.Failures.message(error));
            }
        }).andFinally(() -> {
            looking.setVisible(false);
            again.setDisable(false);
        }).start();
    }

    private record Looked(List<Suggestion> suggestions, List<LinkSuggestions.TableScan> scans) {
    }

    private void fill(List<Suggestion> suggestions) {
        list.getChildren().clear();
        List<Suggestion> drafts = suggestions.stream().filter(s -> s.status() == Suggestion.Status.DRAFT).toList();
        for (Suggestion draft : drafts) {
            list.getChildren().add(draft(draft));
        }
        if (drafts.isEmpty()) {
            Label none = new Label("No suggested links: every column that joins to a known identifier is mapped already.");
            none.setId("links-none");
            none.getStyleClass().add("dim");
            none.setWrapText(true);
            list.getChildren().add(none);
        }
        suggestions.stream().filter(s -> s.status() != Suggestion.Status.DRAFT).limit(5)
                .forEach(s -> list.getChildren().add(decided(s)));
    }

    private Node draft(Suggestion s) {
        Label score = new Label(Math.round(s.score() * 100) + "%");
        score.getStyleClass().add("link-score");
        score.setTooltip(new Tooltip(String.format(Locale.ROOT, "Score: %.0f%% of the values found, less what chance "
                + "explains, weighed by how much the name says (%.0f%% alike).", s.containment() * 100,
                s.nameSimilarity() * 100)));
        Label headline = new Label(s.headline());
        headline.getStyleClass().add("text-bold");
        Label target = new Label("in " + s.target());
        target.getStyleClass().add("dim");
        Button approve = new Button("Approve");
        approve.setId("links-approve-" + s.id());
        approve.getStyleClass().add("accent");
        Button reject = new Button("Reject");
        reject.setId("links-reject-" + s.id());
        approve.setOnAction(e -> approve(s, approve, reject));
        reject.setOnAction(e -> reject(s, approve, reject));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, score, headline, target, spacer, approve, reject);
        top.setAlignment(Pos.CENTER_LEFT);
        Label evidence = new Label(s.evidence());
        evidence.setWrapText(true);
        evidence.getStyleClass().add("link-evidence");
        Label plan = new Label("Approving sets " + s.plan().describe() + ".");
        plan.setWrapText(true);
        plan.getStyleClass().add("dim");
        VBox row = new VBox(3, top, evidence, plan);
        row.setId("links-draft-" + s.id());
        row.getStyleClass().add("link-row");
        return row;
    }

    private Node decided(Suggestion s) {
        boolean approved = s.status() == Suggestion.Status.APPROVED;
        Label line = new Label((approved ? "✓ Approved: " : "✗ Rejected: ") + s.headline() + " (" + s.target() + ")"
                + (s.decidedBy() == null ? "" : " by " + s.decidedBy())
                + (s.decidedAt() == null ? "" : ", " + DAY.format(s.decidedAt())));
        line.getStyleClass().add(approved ? "link-approved" : "dim");
        line.setId("links-decided-" + s.id());
        return line;
    }

    private void approve(Suggestion s, Button approve, Button reject) {
        Workspace ws = workspace;
        approve.setDisable(true);
        reject.setDisable(true);
        tasks.run("Approving link " + s.rawTable() + "." + s.headline(),
                progress -> new LinkSuggestions(ws).approve(s.id(), user(), progress))
                .onSuccess(approval -> {
                    status.setText(approval.describe());
                    onApproved.accept(approval);
                })
                .onError(error -> {
                    approve.setDisable(false);
                    reject.setDisable(false);
                    status.setText(org.c360.app.ui.task.Failures.message(error));
                })
                .start();
    }

    private void reject(Suggestion s, Button approve, Button reject) {
        Workspace ws = workspace;
        String rawTable = table;
        approve.setDisable(true);
        reject.setDisable(true);
        tasks.run("Rejecting link " + s.rawTable() + "." + s.headline(), progress -> {
            LinkSuggestions links = new LinkSuggestions(ws);
            links.reject(s.id(), user());
            return links.list(rawTable, true);
        }).onSuccess(suggestions -> {
            if (rawTable.equals(table)) {
                fill(suggestions);
                status.setText("Rejected " + s.headline() + ": it will not be proposed again.");
            }
        }).onError(error -> {
            approve.setDisable(false);
            reject.setDisable(false);
            status.setText(org.c360.app.ui.task.Failures.message(error));
        }).start();
    }

    /** Who decides, for the record. */
    static String user() {
        return System.getProperty("user.name", "analyst");
    }
}
