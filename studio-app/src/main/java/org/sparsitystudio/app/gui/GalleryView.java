package org.sparsitystudio.app.gui;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** Cards of the experiment kinds, each with its paper and a "New study" button. */
public final class GalleryView extends ScrollPane {

    public GalleryView(GalleryViewModel model, java.util.function.Consumer<KindCard> onNewStudy) {
        FlowPane cards = new FlowPane(16, 16);
        cards.setPadding(new Insets(20));
        for (KindCard card : model.cards()) {
            cards.getChildren().add(card(card, onNewStudy));
        }
        setContent(cards);
        setFitToWidth(true);
        setId("gallery");
    }

    private static VBox card(KindCard card, java.util.function.Consumer<KindCard> onNewStudy) {
        Label title = new Label(card.title());
        title.getStyleClass().add("card-title");
        Label description = new Label(card.description());
        description.setWrapText(true);
        Label paper = new Label(card.paper());
        paper.setWrapText(true);
        paper.getStyleClass().add("card-paper");
        Button newStudy = new Button("New study");
        newStudy.setId("new-study-" + card.id());
        newStudy.setOnAction(e -> onNewStudy.accept(card));
        VBox box = new VBox(8, title, description, paper, newStudy);
        box.setPadding(new Insets(16));
        box.setPrefWidth(340);
        box.getStyleClass().add("card");
        box.setId("card-" + card.id());
        return box;
    }
}
