package org.sparsitystudio.app.gui;

/** What the gallery shows of an experiment kind. */
public record KindCard(String id, String title, String description, String paper) {
}
