package org.sparsitystudio.app.gui;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** Cards of the experiment kinds, each with its paper and a "New study" button. */
public final class GalleryView extends ScrollPane {

    private final VBox recent = new VBox(4);

    /** Shows the newest studies under the cards, each a link that opens it. */
    public void showRecent(java.util.List<org.sparsitystudio.app.browser.StudyItem> studies,
            java.util.function.Consumer<org.sparsitystudio.app.browser.StudyItem> open) {
        recent.getChildren().clear();
        if (studies.isEmpty()) {
            return;
        }
        Label heading = new Label("Recent studies");
        heading.getStyleClass().add("section-title");
        recent.getChildren().add(heading);
        for (var study : studies.subList(0, Math.min(6, studies.size()))) {
            String runs = study.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .reduce((a, b) -> a + " · " + b).orElse("no runs");
            javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink(
                    "#" + study.id() + "  " + study.name() + "   (" + study.kindId() + ", " + runs + ")");
            link.setId("recent-" + study.id());
            link.setOnAction(e -> open.accept(study));
            recent.getChildren().add(link);
        }
    }

    public GalleryView(GalleryViewModel model, java.util.function.Consumer<KindCard> onNewStudy) {
        FlowPane cards = new FlowPane(16, 16);
        cards.setPadding(new Insets(20));
        for (KindCard card : model.cards()) {
            cards.getChildren().add(card(card, onNewStudy));
        }
        recent.setPadding(new Insets(0, 20, 20, 20));
        recent.setId("recent-studies");
        setContent(new VBox(cards, recent));
        setFitToWidth(true);
        setId("gallery");
        setFocusTraversable(false);
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
