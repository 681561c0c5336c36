package org.sparsitystudio.app.designer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sparsitystudio.experiments.design.Sweeps;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ParameterSpec;
import org.sparsitystudio.experiments.spi.SweepAxis;

/**
 * The designer's state: one field per declared parameter, the run seeds, whether the whole
 * design is valid (nothing runs while it is not), and a live summary such as
 * "6 sparsities × 5 widths × 2 distributions = 60 runs" that follows every edit.
 */
public final class DesignerViewModel {

    private final ExperimentKind kind;
    private final ObservableList<ParameterField> fields = FXCollections.observableArrayList();
    private final StringProperty seeds = new SimpleStringProperty(this, "seeds", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary");
    private final javafx.beans.property.ReadOnlyObjectWrapper<org.sparsitystudio.experiments.spi.DesignPreview> preview =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "preview");
    // sweep axes keep the order they were added in: it is the run order (last axis fastest)
    private final List<String> axisOrder = new ArrayList<>();

    public DesignerViewModel(ExperimentKind kind) {
        this(kind, artifactKind -> List.of());
    }

    private final java.util.function.Function<String, List<String>> storedArtifacts;

    /**
     * @param storedArtifacts the stored files of an artifact kind (paths, newest first), offered for
     *                        parameters that name one (a checkpoint)
     */
    public DesignerViewModel(ExperimentKind kind, java.util.function.Function<String, List<String>> storedArtifacts) {
        this.storedArtifacts = storedArtifacts;
        this.kind = kind;
        for (ParameterSpec spec : kind.parameters()) {
            ParameterField field = new ParameterField(spec);
            field.textProperty().addListener((o, a, b) -> refresh());
            field.sweptProperty().addListener((o, a, b) -> {
                axisOrder.remove(spec.name());
                if (b) {
                    axisOrder.add(spec.name());
                }
                refresh();
            });
            fields.add(field);
        }
        seeds.addListener((o, a, b) -> refresh());
        load(kind.defaultDesign());
    }

    public ExperimentKind kind() {
        return kind;
    }

    /** What the form offers for {@code field}: the stored artifacts it can name, else nothing. */
    public List<String> suggestions(ParameterField field) {
        return field.spec().artifactKind().map(storedArtifacts).orElse(List.of());
    }

    public ObservableList<ParameterField> fields() {
        return fields;
    }

    /** Run seeds as a comma-separated list; empty means one run per point, seeded by position. */
    public StringProperty seedsProperty() {
        return seeds;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The run count and sweep, or why the design cannot run. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The field of {@code parameter}. */
    public ParameterField field(String parameter) {
        return fields.stream().filter(f -> f.spec().name().equals(parameter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter " + parameter + " in " + kind.id()));
    }

    /** Fills the form from a design (e.g. one loaded from JSON). */
    public void load(Design design) {
        fields.forEach(f -> f.sweptProperty().set(false));
        for (SweepAxis axis : design.sweep()) {
            if (!axis.isSeedAxis()) {
                field(axis.parameter()).sweptProperty().set(true);
            }
        }
        for (ParameterField field : fields) {
            ParameterSpec spec = field.spec();
            SweepAxis axis = design.sweep().stream().filter(a -> a.parameter().equals(spec.name())).findFirst()
                    .orElse(null);
            if (axis != null) {
                String separator = spec.type() == org.sparsitystudio.experiments.spi.ParameterType.NUMBER_LIST ? "; " : ", ";
                field.textProperty().set(String.join(separator, axis.values().stream().map(spec::format).toList()));
            } else {
                Object value = design.parameters().getOrDefault(spec.name(), spec.defaultValue());
                field.textProperty().set(spec.format(value));
            }
        }
        seeds.set(design.sweep().stream().filter(SweepAxis::isSeedAxis).findFirst()
                .map(a -> String.join(", ", a.values().stream().map(String::valueOf).toList())).orElse(""));
        name.set(design.name() == null ? "" : design.name());
        refresh();
    }

    /** The design the form describes; only when {@link #validProperty()} is true. */
    public Design toDesign() {
        if (!valid.get()) {
            throw new IllegalStateException("the design is not valid: " + summary.get());
        }
        Design design = Design.of(kind.id()).withName(name.get());
        for (ParameterField field : fields) {
            if (!field.sweptProperty().get()) {
                design = design.withParameter(field.spec().name(), field.value());
            }
        }
        for (String parameter : axisOrder) {
            design = design.withAxis(new SweepAxis(parameter, field(parameter).values()));
        }
        List<Long> seedValues = parseSeeds();
        if (!seedValues.isEmpty()) {
            design = design.withAxis(SweepAxis.seeds(seedValues.stream().mapToLong(Long::longValue).toArray()));
        }
        return design;
    }

    private List<Long> parseSeeds() {
        List<Long> out = new ArrayList<>();
        for (String part : seeds.get().split(",")) {
            if (!part.isBlank()) {
                out.add(Long.parseLong(part.trim()));
            }
        }
        return out;
    }

    private void refresh() {
        for (ParameterField field : fields) {
            if (!field.isValid()) {
                valid.set(false);
                summary.set(field.errorProperty().get());
                return;
            }
        }
        try {
            parseSeeds();
        } catch (NumberFormatException e) {
            valid.set(false);
            summary.set("seeds must be whole numbers separated by commas, got '" + seeds.get() + "'");
            return;
        }
        valid.set(true);
        try {
            Design design = toDesign();
            summary.set(Sweeps.describe(design, kind).text());
            List<org.sparsitystudio.experiments.spi.RunSpec> runs = Sweeps.expand(design, kind);
            // the preview follows the sweep's last run: the far end of every axis (the highest
            // sparsity, the widest net), where the choices of the design matter most
            preview.set(runs.isEmpty() ? null : kind.preview(runs.get(runs.size() - 1)).orElse(null));
        } catch (RuntimeException e) {
            valid.set(false);
            summary.set(e.getMessage());
        }
    }

    /** The kind's preview of the design's last run, or {@code null} (none, or the form is invalid). */
    public javafx.beans.property.ReadOnlyObjectProperty<org.sparsitystudio.experiments.spi.DesignPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** The parameter values as the kind declares them, for a preview (e.g. per-layer densities). */
    public Map<String, String> texts() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        fields.forEach(f -> out.put(f.spec().name(), f.textProperty().get()));
        return out;
    }
}
