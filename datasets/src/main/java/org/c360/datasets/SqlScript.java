package org.c360.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generator's SQL, kept in one resource file and cut into its sections: {@code -- @step NAME}
 * sections build internal tables, {@code -- @export TABLE} sections are one SELECT each whose rows become
 * that table's file. {@code ${name}} placeholders are filled with numbers.
 */
public final class SqlScript {

    /** A section of the file, placeholders filled in. */
    public record Section(boolean export, String name, String sql) {
    }

    private static final Pattern MARKER = Pattern.compile("^-- @(step|export) (\\w+)\\s*$", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");

    private SqlScript() {
    }

    /**
     * The sections of the resource {@code resource} (relative to {@code owner}'s package) in file order,
     * with every placeholder replaced from {@code values}.
     */
    public static List<Section> sections(Class<?> owner, String resource, Map<String, Number> values) {
        String text = fill(load(owner, resource), values, resource);
        List<Section> sections = new ArrayList<>();
        Matcher m = MARKER.matcher(text);
        int start = -1;
        String kind = null;
        String name = null;
        while (m.find()) {
            if (start >= 0) {
                sections.add(new Section(kind.equals("export"), name, text.substring(start, m.start()).strip()));
            }
            kind = m.group(1);
            name = m.group(2);
            start = m.end();
        }
        if (start >= 0) {
            sections.add(new Section(kind.equals("export"), name, text.substring(start).strip()));
        }
        return sections;
    }

    private static String fill(String text, Map<String, Number> values, String resource) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Number value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for ${" + m.group(1) + "} in " + resource);
            }
            m.appendReplacement(sb, value.toString());
        }
        return m.appendTail(sb).toString();
    }

    private static String load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
