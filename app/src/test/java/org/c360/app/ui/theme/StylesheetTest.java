package org.c360.app.ui.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Objects;

import javafx.css.CssParser;
import javafx.css.Stylesheet;

import org.junit.jupiter.api.Test;

/**
 * The app's stylesheet parses without errors: JavaFX only logs a broken rule, and ignores everything after
 * it, so a lost brace silently unstyles whole tabs.
 */
class StylesheetTest {

    @Test
    void appCssHasNoSyntaxErrors() throws IOException {
        URL css = Objects.requireNonNull(Theme.class.getResource("/org/c360/app/ui/app.css"));
        CssParser.errorsProperty().clear();
        Stylesheet sheet = new CssParser().parse(css);
        List<String> errors = CssParser.errorsProperty().stream().map(Object::toString).toList();
        assertEquals(List.of(), errors);
        assertFalse(sheet.getRules().isEmpty());
        // the last rules of the file are read too
        assertFalse(sheet.getRules().stream().flatMap(r -> r.getSelectors().stream())
                .noneMatch(s -> s.toString().contains("link-approved")), "the rules after the last one of another tab");
    }
}
