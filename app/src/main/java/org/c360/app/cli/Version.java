package org.c360.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (falls back to "development" when run from classes). */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"Customer 360 Workbench " + (version == null ? "development build" : version),
                "Java " + Runtime.version() + ", GPL-3.0-or-later"};
    }
}
