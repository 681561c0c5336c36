package org.sparsitystudio.app.runs;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.sparsitystudio.experiments.run.RunStatus;

/** One row of the runs table: name, status, progress, ETA, headline result and why it ended. */
public final class RunRow {

    private final int index;
    private final String name;
    private final ObjectProperty<RunStatus> status = new SimpleObjectProperty<>(this, "status", RunStatus.QUEUED);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty eta = new SimpleStringProperty(this, "eta", "");
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");

    public RunRow(int index, String name) {
        this.index = index;
        this.name = name;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public ObjectProperty<RunStatus> statusProperty() {
        return status;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty etaProperty() {
        return eta;
    }

    public StringProperty resultProperty() {
        return result;
    }

    /** Why a failed, diverged or cancelled run ended. */
    public StringProperty reasonProperty() {
        return reason;
    }
}
