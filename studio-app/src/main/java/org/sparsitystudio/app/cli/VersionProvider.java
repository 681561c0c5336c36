package org.sparsitystudio.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = StudioCommand.class.getPackage().getImplementationVersion();
        return new String[] {"Sparsity Studio " + (version == null ? "development" : version)};
    }
}
