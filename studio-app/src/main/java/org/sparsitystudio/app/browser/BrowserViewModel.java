package org.sparsitystudio.app.browser;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.sparsitystudio.persistence.Database;
import org.sparsitystudio.persistence.RunRecord;
import org.sparsitystudio.persistence.Study;

/**
 * Every study in the database (also those from headless or remote processes), newest first,
 * filtered as the user types, with tags and notes written back at once.
 */
public final class BrowserViewModel {

    private final Database database;
    private final ObservableList<StudyItem> all = FXCollections.observableArrayList();
    private final FilteredList<StudyItem> visible = new FilteredList<>(all, s -> true);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");

    public BrowserViewModel(Database database) {
        this.database = database;
        filter.addListener((o, before, after) -> visible.setPredicate(s -> s.matches(after)));
        reload();
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** The studies that match the filter. */
    public ObservableList<StudyItem> studies() {
        return visible;
    }

    /** Reads the studies again (another process may have added some). */
    public void reload() {
        List<StudyItem> items = new java.util.ArrayList<>();
        for (Study s : database.studies().list()) {
            Map<String, Integer> counts = new TreeMap<>();
            for (RunRecord r : database.runs().listByStudy(s.id())) {
                counts.merge(r.status().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            }
            items.add(new StudyItem(s.id(), s.name(), s.kindId(), s.createdAt().toString(), counts, s.tags(),
                    s.notes()));
        }
        all.setAll(items);
    }

    /** Stores tags and notes of a study and shows them. */
    public void annotate(long studyId, List<String> tags, String notes) {
        database.studies().updateTagsAndNotes(studyId, tags, notes);
        reload();
    }
}
