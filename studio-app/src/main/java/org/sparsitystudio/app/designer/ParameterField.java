package org.sparsitystudio.app.designer;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.BooleanProperty;
import org.sparsitystudio.experiments.spi.ParameterSpec;

/**
 * One field of the designer form: the text the user typed, whether the parameter is swept (then
 * the text is a comma-separated list of values), and the reason the text is invalid (empty when
 * valid). Validation comes from the parameter's single declaration.
 */
public final class ParameterField {

    private final ParameterSpec spec;
    private final StringProperty text = new SimpleStringProperty(this, "text");
    private final BooleanProperty swept = new SimpleBooleanProperty(this, "swept");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    ParameterField(ParameterSpec spec) {
        this.spec = spec;
        text.set(spec.format(spec.defaultValue()));
        text.addListener((o, before, after) -> validate());
        swept.addListener((o, before, after) -> validate());
    }

    public ParameterSpec spec() {
        return spec;
    }

    public StringProperty textProperty() {
        return text;
    }

    public BooleanProperty sweptProperty() {
        return swept;
    }

    /** Why the current text is not allowed, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public boolean isValid() {
        return error.get().isEmpty();
    }

    /** The single value (not swept), already validated. */
    Object value() {
        return spec.parse(text.get().trim());
    }

    /** The sweep values (swept), already validated. */
    List<Object> values() {
        List<Object> out = new ArrayList<>();
        for (String part : splitList(text.get())) {
            out.add(spec.parse(part));
        }
        return out;
    }

    private void validate() {
        try {
            if (swept.get()) {
                List<String> parts = splitList(text.get());
                if (parts.isEmpty()) {
                    throw new IllegalArgumentException(spec.name() + ": give at least one value to sweep");
                }
                for (String part : parts) {
                    spec.validate(spec.parse(part));
                }
            } else {
                spec.validate(spec.parse(text.get().trim()));
            }
            error.set("");
        } catch (RuntimeException e) {
            error.set(e.getMessage() == null ? "invalid value" : e.getMessage());
        }
    }

    // number lists are themselves comma-separated, so a swept list parameter separates values by ';'
    private List<String> splitList(String raw) {
        String separator = spec.type() == org.sparsitystudio.experiments.spi.ParameterType.NUMBER_LIST ? ";" : ",";
        List<String> parts = new ArrayList<>();
        for (String part : raw.split(separator)) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }
}
