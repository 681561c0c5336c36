package org.sparsitystudio.experiments.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.SweepAxis;
import org.sparsitystudio.experiments.spi.ToyQuadraticKind;

class DesignJsonTest {

    private final DesignJson json = new DesignJson(new ExperimentKinds(List.of(new ToyQuadraticKind())));

    private static Design sample() {
        return Design.of(ToyQuadraticKind.ID).withSeed(-7)
                .withParameter("learningRate", 0.025)
                .withParameter("optimizer", "momentum")
                .withParameter("clipGradient", true)
                .withParameter("curvatures", List.of(0.5, 12.25))
                .withParameter("dimension", 3)
                .withAxis("sparsity", 0.1, 0.5, 0.9)
                .withAxis("steps", 5, 10)
                .withAxis(SweepAxis.seeds(1, 2, 3))
                .withName("Grüße, première")
                .withNotes("line one\nline two");
    }

    static List<Locale> locales() {
        return List.of(Locale.GERMAN, Locale.GERMANY, Locale.FRANCE, Locale.US, Locale.ROOT);
    }

    @ParameterizedTest
    @MethodSource("locales")
    void roundTripsUnderEveryLocale(Locale locale) {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(locale);
            String text = json.write(sample());
            assertTrue(text.contains("0.025") && text.contains("12.25"), text);
            assertFalse(text.contains("0,025"), text);
            Design back = json.read(text);
            assertEquals(DesignValidator.normalize(sample(), new ToyQuadraticKind()), back);
            assertEquals(text, json.write(back), "writing is stable");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void writtenFileIsReadableAndTheSameEverywhere(@TempDir Path dir) throws Exception {
        Locale before = Locale.getDefault();
        String us;
        try {
            Locale.setDefault(Locale.US);
            us = json.write(sample());
            Locale.setDefault(Locale.GERMANY);
            assertEquals(us, json.write(sample()));
        } finally {
            Locale.setDefault(before);
        }
        assertTrue(us.startsWith("{\n  \"kind\" : \"toy-quadratic\",\n  \"seed\" : -7,"), us);
        assertTrue(us.contains("\"formatVersion\" : 1"), us);
        assertFalse(us.contains("\r"));
        Path file = dir.resolve("design.json");
        json.write(sample(), file);
        assertEquals(json.read(us), json.read(file));
    }

    @Test
    void missingParametersTakeDefaultsAtExpansion() {
        Design d = json.read("{\"kind\": \"toy-quadratic\"}");
        assertEquals(0L, d.seed());
        assertTrue(d.parameters().isEmpty());
        assertEquals(20, Sweeps.expand(d, new ToyQuadraticKind()).get(0).intValue("steps"));
    }

    private DesignException rejected(String text, String... fragments) {
        DesignException e = assertThrows(DesignException.class, () -> json.read(text));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "«" + e.getMessage() + "» lacks «" + f + "»");
        }
        assertFalse(e.getMessage().contains("com.fasterxml"), e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), e.getMessage());
        return e;
    }

    @Test
    void rejectsUnknownTopLevelKey() {
        DesignException e = rejected("{\"kind\": \"toy-quadratic\", \"sweeps\": []}",
                "unknown key \"sweeps\"", "[]", "allowed keys: formatVersion, kind, name, notes, parameters, seed, sweep");
        assertEquals("sweeps", e.key());
    }

    @Test
    void rejectsUnknownParameter() {
        DesignException e = rejected("{\"kind\": \"toy-quadratic\", \"parameters\": {\"sparsty\": 0.5}}",
                "unknown parameter \"sparsty\"", "0.5", "dimension, curvatures, learningRate, steps");
        assertEquals("parameters.sparsty", e.key());
    }

    @Test
    void rejectsWrongTypes() {
        rejected("{\"kind\": \"toy-quadratic\", \"parameters\": {\"sparsity\": \"0.5\"}}",
                "parameters.sparsity", "sparsity = \"0.5\"", "a number in [0, 0.99]");
        rejected("{\"kind\": \"toy-quadratic\", \"parameters\": {\"steps\": 2.5}}",
                "steps = 2.5", "not a whole number", "a whole number in [1, 10000]");
        rejected("{\"kind\": \"toy-quadratic\", \"parameters\": {\"clipGradient\": \"yes\"}}",
                "clipGradient = \"yes\"", "true or false");
        rejected("{\"kind\": \"toy-quadratic\", \"parameters\": {\"optimizer\": \"adam\"}}",
                "optimizer = \"adam\"", "one of gd, momentum");
        rejected("{\"kind\": \"toy-quadratic\", \"parameters\": {\"curvatures\": 3}}",
                "curvatures = 3", "list of numbers");
        rejected("{\"kind\": \"toy-quadratic\", \"parameters\": {\"dimension\": null}}",
                "dimension = null", "a whole number in [1, 1000]");
        rejected("{\"kind\": \"toy-quadratic\", \"seed\": 1.5}", "seed = 1.5", "whole number");
        rejected("{\"kind\": 3}", "kind = 3", "text");
    }

    @Test
    void rejectsValuesOutOfRange() {
        DesignException e = rejected("{\"kind\": \"toy-quadratic\", \"parameters\": {\"sparsity\": 1.5}}",
                "sparsity = 1.5 is outside [0, 0.99]");
        assertEquals("parameters.sparsity", e.key());
        rejected("{\"kind\": \"toy-quadratic\", \"parameters\": {\"curvatures\": [1, 500]}}",
                "curvatures = [1, 500] holds 500, which is outside [0.01, 100]");
        rejected("{\"kind\": \"toy-quadratic\", \"sweep\": [{\"parameter\": \"dimension\", \"values\": [2, 0]}]}",
                "sweep[0].values", "dimension = 0 is outside [1, 1000]");
    }

    @Test
    void rejectsSweepProblems() {
        rejected("{\"kind\": \"toy-quadratic\", \"sweep\": [{\"parameter\": \"depth\", \"values\": [1, 2]}]}",
                "unknown parameter \"depth\"", "its parameters are dimension", "\"seed\" for run seeds");
        DesignException e = rejected("{\"kind\": \"toy-quadratic\", \"sweep\": [{\"parameter\": \"sparsity\", \"values\": []}]}",
                "\"sparsity\"", "values = []", "at least one value");
        assertEquals("sweep[0].values", e.key());
        rejected("{\"kind\": \"toy-quadratic\", \"sweep\": [{\"parameter\": \"sparsity\"}]}",
                "\"sparsity\"", "(missing)", "a list");
        rejected("{\"kind\": \"toy-quadratic\", \"sweep\": [{\"parameter\": \"sparsity\", \"value\": [0.5]}]}",
                "unknown key \"value\"", "allowed keys: parameter, values");
        rejected("{\"kind\": \"toy-quadratic\", \"sweep\": [{\"parameter\": \"seed\", \"values\": [1, \"two\"]}]}",
                "seed = \"two\"", "whole number");
        rejected("{\"kind\": \"toy-quadratic\", \"sweep\": [{\"parameter\": \"seed\", \"values\": [1, 1]}]}",
                "lists 1 twice", "each value once");
        rejected("{\"kind\": \"toy-quadratic\", \"sweep\": ["
                + "{\"parameter\": \"steps\", \"values\": [1]}, {\"parameter\": \"steps\", \"values\": [2]}]}",
                "two axes over \"steps\"", "one axis per parameter");
    }

    @Test
    void rejectsUnknownKindMalformedJsonAndNewerFormats() {
        rejected("{\"kind\": \"toy-cubic\"}", "kind = \"toy-cubic\"", "allowed: toy-quadratic");
        rejected("{\"seed\": 1}", "kind is missing");
        DesignException e = rejected("{\"kind\": \"toy-quadratic\",\n  \"seed\": 1,,}", "not well-formed JSON", "line 2");
        assertEquals("", e.key());
        rejected("{\"kind\": \"toy-quadratic\", \"kind\": \"toy-quadratic\"}", "not well-formed", "kind");
        rejected("[1, 2]", "must be a JSON object");
        rejected("{\"kind\": \"toy-quadratic\", \"formatVersion\": 2}", "formatVersion = 2", "allowed: 1");
    }

    @Test
    void refusesToWriteAnInvalidDesign() {
        Design bad = Design.of(ToyQuadraticKind.ID).withParameter("sparsity", 2.0);
        DesignException e = assertThrows(DesignException.class, () -> json.write(bad));
        assertTrue(e.getMessage().contains("sparsity = 2 is outside [0, 0.99]"), e.getMessage());
    }
}
