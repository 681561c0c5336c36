package org.sparsitystudio.experiments.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ParameterSpecTest {

    private static final ParameterSpec WIDTH = ParameterSpec.intParam("width", 4).range(1, 64)
            .unit("×").group(ParameterGroup.MODEL).build();
    private static final ParameterSpec SPARSITY = ParameterSpec.doubleParam("sparsity", 0.9).range(0, 0.99)
            .group(ParameterGroup.SPARSITY).build();
    private static final ParameterSpec BIAS = ParameterSpec.booleanParam("useBias", true)
            .group(ParameterGroup.MODEL).build();
    private static final ParameterSpec DISTRIBUTION = ParameterSpec.choiceParam("distribution", "ERK",
            "uniform", "ER", "ERK").group(ParameterGroup.SPARSITY).build();
    private static final ParameterSpec LEVELS = ParameterSpec.numberListParam("levels", List.of(0.5, 0.8))
            .range(0, 0.99).group(ParameterGroup.SPARSITY).build();

    /** Asserts that the rejection names the parameter, the value and the allowance. */
    private static void rejects(ParameterSpec spec, Runnable action, String... fragments) {
        ParameterException e = assertThrows(ParameterException.class, action::run);
        assertTrue(e.getMessage().startsWith(spec.name() + " = "), e.getMessage());
        assertEquals(spec.name(), e.parameter());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "«" + e.getMessage() + "» lacks «" + f + "»");
        }
    }

    @Test
    void intParsesValidatesAndFormats() {
        assertEquals(1, WIDTH.parse("1"));
        assertEquals(64, WIDTH.parse(" 64 "));
        assertEquals(7, WIDTH.normalize(7L));
        assertEquals(7, WIDTH.normalize(7.0));
        assertEquals("12", WIDTH.format(12));
        assertEquals(4, WIDTH.defaultValue());
        rejects(WIDTH, () -> WIDTH.parse("0"), "width = 0 is outside [1, 64]");
        rejects(WIDTH, () -> WIDTH.parse("65"), "65", "[1, 64]");
        rejects(WIDTH, () -> WIDTH.parse("2.5"), "\"2.5\"", "not a whole number", "a whole number in [1, 64]");
        rejects(WIDTH, () -> WIDTH.normalize(2.5), "2.5", "not a whole number");
        rejects(WIDTH, () -> WIDTH.parse("abc"), "\"abc\"", "a whole number in [1, 64]");
        rejects(WIDTH, () -> WIDTH.parse("99999999999999999999"), "too large");
        rejects(WIDTH, () -> WIDTH.validate("4"), "\"4\"", "a whole number");
        rejects(WIDTH, () -> WIDTH.validate(null), "null", "missing");
    }

    @Test
    void doubleParsesWithAPointWhateverTheLocale() {
        Locale before = Locale.getDefault();
        try {
            for (Locale l : List.of(Locale.GERMAN, Locale.FRANCE, Locale.US, Locale.ROOT)) {
                Locale.setDefault(l);
                assertEquals(0.5, SPARSITY.parse("0.5"));
                assertEquals("0.5", SPARSITY.format(0.5));
                assertEquals("0.99", SPARSITY.format(0.99));
                assertEquals("0", SPARSITY.format(0.0));
                assertEquals("0.1,0.25", LEVELS.format(List.of(0.1, 0.25)));
            }
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(0.0, SPARSITY.parse("0"));
        assertEquals(0.99, SPARSITY.parse("0.99"));
        assertEquals(0.5, SPARSITY.parse(".5"));
        assertEquals(0.5, SPARSITY.parse("5e-1"));
        assertEquals(0.5, SPARSITY.normalize(0.5f));
    }

    @Test
    void doubleRejectsDecimalCommaAndOutOfRange() {
        rejects(SPARSITY, () -> SPARSITY.parse("0,5"), "sparsity = \"0,5\"", "decimal comma", "0.5",
                "a number in [0, 0.99]");
        rejects(SPARSITY, () -> SPARSITY.parse("1.5"), "sparsity = 1.5 is outside [0, 0.99]");
        rejects(SPARSITY, () -> SPARSITY.validate(-0.01), "-0.01", "[0, 0.99]");
        rejects(SPARSITY, () -> SPARSITY.parse("NaN"), "\"NaN\"", "not a number");
        rejects(SPARSITY, () -> SPARSITY.validate(Double.POSITIVE_INFINITY), "finite");
        rejects(SPARSITY, () -> SPARSITY.parse("1e999"), "too large");
        rejects(SPARSITY, () -> SPARSITY.parse("1d"), "not a number");
    }

    @Test
    void booleanParsesTrueAndFalseOnly() {
        assertEquals(true, BIAS.parse("true"));
        assertEquals(false, BIAS.parse("FALSE"));
        assertEquals("false", BIAS.format(false));
        rejects(BIAS, () -> BIAS.parse("yes"), "\"yes\"", "true or false");
        rejects(BIAS, () -> BIAS.validate(1), "1", "true or false");
    }

    @Test
    void choiceMatchesIgnoringCaseAndKeepsTheDeclaredSpelling() {
        assertEquals("ERK", DISTRIBUTION.parse("ERK"));
        assertEquals("ERK", DISTRIBUTION.parse("erk"));
        assertEquals("uniform", DISTRIBUTION.parse("Uniform"));
        assertEquals("ER", DISTRIBUTION.format("ER"));
        rejects(DISTRIBUTION, () -> DISTRIBUTION.parse("gaussian"), "\"gaussian\"", "one of uniform, ER, ERK");
        rejects(DISTRIBUTION, () -> DISTRIBUTION.validate(3), "3", "one of uniform, ER, ERK");
    }

    @Test
    void numberListParsesBothSpellingsAndChecksEachElement() {
        assertEquals(List.of(0.5, 0.8), LEVELS.parse("0.5,0.8"));
        assertEquals(List.of(0.5, 0.8), LEVELS.parse("[0.5, 0.8]"));
        assertEquals(List.of(0.0), LEVELS.parse("0"));
        assertEquals(List.of(0.5, 0.8), LEVELS.normalize(List.of(0.5f, 0.8)));
        assertEquals(List.of(0.5), LEVELS.normalize(new double[] {0.5}));
        assertEquals("0.5,0.8", LEVELS.format(List.of(0.5, 0.8)));
        assertEquals(LEVELS.parse(LEVELS.format(List.of(0.1, 0.3))), List.of(0.1, 0.3));
        rejects(LEVELS, () -> LEVELS.parse("0.5,1.5"), "levels = [0.5, 1.5] holds 1.5, which is outside [0, 0.99]");
        rejects(LEVELS, () -> LEVELS.parse("[]"), "empty", "non-empty list of numbers");
        rejects(LEVELS, () -> LEVELS.parse("0.5,x"), "element \"x\"", "not a number");
        rejects(LEVELS, () -> LEVELS.validate(List.of(0.5, "a")), "\"a\"", "not a number");
        rejects(LEVELS, () -> LEVELS.validate(0.5), "0.5", "list");
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) LEVELS.parse("0.5")).clear());
    }

    @Test
    void textKeepsOneStrippedLineAndMayNameAnArtifactKind() {
        ParameterSpec path = ParameterSpec.textParam("checkpoint", "").artifactKind("checkpoint")
                .group(ParameterGroup.MODEL).build();
        assertEquals(ParameterType.TEXT, path.type());
        assertEquals("", path.defaultValue());
        assertEquals("/runs/7/pretrained.safetensors", path.parse("  /runs/7/pretrained.safetensors "));
        assertEquals("a b,c;d", path.parse(path.format("a b,c;d")), "commas and semicolons are text, not lists");
        assertEquals("", path.parse(""));
        assertEquals(java.util.Optional.of("checkpoint"), path.artifactKind());
        assertEquals(java.util.Optional.empty(), WIDTH.artifactKind());
        rejects(path, () -> path.validate("two\nlines"), "one line of text");
        rejects(path, () -> path.validate(3), "3", "one line of text");
        assertThrows(IllegalArgumentException.class,
                () -> ParameterSpec.intParam("width", 1).artifactKind("checkpoint"), "only text names an artifact");
    }

    @Test
    void formatThenParseIsTheIdentity() {
        for (double d : new double[] {0, 0.1, 0.25, 1e-7, 0.98, 0.3333333333333333}) {
            assertEquals(d, SPARSITY.parse(SPARSITY.format(d)));
        }
        ParameterSpec lr = ParameterSpec.doubleParam("learningRate", 1e-3).min(0).group(ParameterGroup.TRAINING).build();
        for (double d : new double[] {1e-9, 1e20, 123456.789, 3e-5}) {
            assertEquals(d, lr.parse(lr.format(d)));
        }
        assertEquals("a number of at least 0", lr.allowed());
    }

    @Test
    void declarationsRejectTheirOwnMistakes() {
        assertThrows(IllegalArgumentException.class,
                () -> ParameterSpec.intParam("width", 0).range(1, 4).group(ParameterGroup.MODEL).build());
        assertThrows(IllegalArgumentException.class,
                () -> ParameterSpec.intParam("seed", 0).group(ParameterGroup.SEEDS).build());
        assertThrows(IllegalArgumentException.class,
                () -> ParameterSpec.intParam("Width", 0).group(ParameterGroup.MODEL).build());
        assertThrows(IllegalArgumentException.class,
                () -> ParameterSpec.intParam("width", 0).build());
        assertThrows(IllegalArgumentException.class,
                () -> ParameterSpec.booleanParam("on", true).range(0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ParameterSpec.choiceParam("pick", "a", "a", "a").group(ParameterGroup.MODEL).build());
        assertEquals("Use bias", BIAS.label());
    }
}
