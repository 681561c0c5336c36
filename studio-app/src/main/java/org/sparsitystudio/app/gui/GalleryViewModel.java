package org.sparsitystudio.app.gui;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;

/** The gallery: one card per experiment kind found on the class path. */
public final class GalleryViewModel {

    private final ObservableList<KindCard> cards = FXCollections.observableArrayList();

    public GalleryViewModel(ExperimentKinds kinds) {
        for (ExperimentKind kind : kinds.all()) {
            cards.add(new KindCard(kind.id(), kind.title(), kind.description(), kind.paper()));
        }
    }

    public ObservableList<KindCard> cards() {
        return cards;
    }
}
