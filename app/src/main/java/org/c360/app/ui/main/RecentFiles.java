package org.c360.app.ui.main;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The workspaces and data files opened lately, newest first, kept in {@code recent.properties} in the app's
 * home folder. A file that cannot be read or written only costs the list, never the app.
 */
public final class RecentFiles {
    static final int MAX = 10;
    private static final String WORKSPACE = "workspace.";
    private static final String FILE = "file.";

    private final Path store;
    private final List<Path> workspaces = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    public RecentFiles(Path appHome) {
        this.store = appHome.resolve("recent.properties");
        load();
    }

    public synchronized List<Path> workspaces() {
        return List.copyOf(workspaces);
    }

    public synchronized List<Path> files() {
        return List.copyOf(files);
    }

    public synchronized void addWorkspace(Path workspace) {
        push(workspaces, workspace);
        save();
    }

    public synchronized void addFiles(List<Path> imported) {
        imported.forEach(file -> push(files, file));
        save();
    }

    private static void push(List<Path> list, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        list.remove(absolute);
        list.addFirst(absolute);
        while (list.size() > MAX) {
            list.removeLast();
        }
    }

    private void load() {
        if (!Files.isRegularFile(store)) {
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(store, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            return;
        }
        for (int i = 0; i < MAX; i++) {
            String workspace = properties.getProperty(WORKSPACE + i);
            if (workspace != null) {
                workspaces.add(Path.of(workspace));
            }
            String file = properties.getProperty(FILE + i);
            if (file != null) {
                files.add(Path.of(file));
            }
        }
    }

    private void save() {
        Properties properties = new Properties();
        for (int i = 0; i < workspaces.size(); i++) {
            properties.setProperty(WORKSPACE + i, workspaces.get(i).toString());
        }
        for (int i = 0; i < files.size(); i++) {
            properties.setProperty(FILE + i, files.get(i).toString());
        }
        try {
            Files.createDirectories(store.getParent());
            try (Writer writer = Files.newBufferedWriter(store, StandardCharsets.UTF_8)) {
                properties.store(writer, "Customer 360 Workbench: recently opened files");
            }
        } catch (IOException ignored) {
            // the list is a convenience; the workbench works without it
        }
    }
}
