package org.sparsitystudio.experiments.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The one declaration of an experiment parameter: its stable name, type, default, allowed range
 * or choices, unit, help text and form group. Validation, the design JSON, the command line
 * ({@code --param name=value}) and the GUI form all read this, so a parameter is never described
 * twice.
 *
 * <p>Values are held as plain Java objects whose class depends on the {@linkplain #type() type}
 * (see {@link ParameterType}); {@link #normalize(Object)} turns any acceptable object (a
 * {@code Long} from JSON for an {@code INT}, say) into that canonical form, so that designs built
 * in code and designs read from files compare equal.
 *
 * <p>Text goes through {@link #parse(String)} and {@link #format(Object)}, which never consult the
 * default {@link Locale}: a point is the decimal separator everywhere, and a decimal comma is
 * rejected with a message that says so, because silently reading {@code 0,5} as 5 or as a list
 * would run the wrong experiment.
 *
 * <p>Instances are immutable and thread-safe. Build them with the static factories, e.g.
 * <pre>{@code
 * ParameterSpec sparsity = ParameterSpec.doubleParam("sparsity", 0.9)
 *         .label("Sparsity").range(0, 0.99).unit("fraction pruned")
 *         .help("Fraction of weights removed at initialisation.")
 *         .group(ParameterGroup.SPARSITY).build();
 * }</pre>
 */
public final class ParameterSpec {

    /** A lowerCamel identifier: what files, the command line and the database store. */
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    // digits with an optional point and exponent; excludes what Double.parseDouble would also
    // take ("NaN", "1d", hex) because a design file should not depend on Java's quirks
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** The name kinds may not use: the run seed belongs to the design and its sweep. */
    public static final String RESERVED_SEED = "seed";

    private final String name;
    private final String label;
    private final ParameterType type;
    private final Object defaultValue;
    private final Double min;
    private final Double max;
    private final List<String> choices;
    private final String unit;
    private final String help;
    private final ParameterGroup group;
    private final String artifactKind;
    private final boolean namesFolder;

    private ParameterSpec(Builder b) {
        this.name = b.name;
        this.label = b.label != null ? b.label : humanize(b.name);
        this.type = b.type;
        this.min = b.min;
        this.max = b.max;
        this.choices = List.copyOf(b.choices);
        this.unit = b.unit;
        this.help = b.help;
        this.group = b.group;
        this.artifactKind = b.artifactKind;
        this.namesFolder = b.namesFolder;
        // the default passes through the same checks as any user value, so a kind cannot ship a
        // default its own form would reject
        this.defaultValue = normalize(b.defaultValue);
    }

    // ---- factories ---------------------------------------------------------------------------

    /** Starts a {@link ParameterType#TEXT} parameter (one line of free text, may be empty). */
    public static Builder textParam(String name, String defaultValue) {
        return new Builder(name, ParameterType.TEXT, defaultValue);
    }

    /** Starts an {@link ParameterType#INT} parameter. */
    public static Builder intParam(String name, int defaultValue) {
        return new Builder(name, ParameterType.INT, defaultValue);
    }

    /** Starts a {@link ParameterType#DOUBLE} parameter. */
    public static Builder doubleParam(String name, double defaultValue) {
        return new Builder(name, ParameterType.DOUBLE, defaultValue);
    }

    /** Starts a {@link ParameterType#BOOLEAN} parameter. */
    public static Builder booleanParam(String name, boolean defaultValue) {
        return new Builder(name, ParameterType.BOOLEAN, defaultValue);
    }

    /** Starts a {@link ParameterType#CHOICE} parameter; the default must be one of the choices. */
    public static Builder choiceParam(String name, String defaultValue, String... choices) {
        Builder b = new Builder(name, ParameterType.CHOICE, defaultValue);
        b.choices = List.of(choices);
        return b;
    }

    /** Starts a {@link ParameterType#NUMBER_LIST} parameter; the range applies to each element. */
    public static Builder numberListParam(String name, List<? extends Number> defaultValue) {
        return new Builder(name, ParameterType.NUMBER_LIST, defaultValue);
    }

    // ---- accessors ---------------------------------------------------------------------------

    /** The stable id (lowerCamel) used in files, on the command line and in the database. */
    public String name() {
        return name;
    }

    /** The short label a form shows; defaults to the name in words. */
    public String label() {
        return label;
    }

    /** The value type. */
    public ParameterType type() {
        return type;
    }

    /** The default value, in canonical form (see {@link ParameterType}). */
    public Object defaultValue() {
        return defaultValue;
    }

    /** The inclusive lower bound of a number (or of each list element), if any. */
    public OptionalDouble min() {
        return min == null ? OptionalDouble.empty() : OptionalDouble.of(min);
    }

    /** The inclusive upper bound of a number (or of each list element), if any. */
    public OptionalDouble max() {
        return max == null ? OptionalDouble.empty() : OptionalDouble.of(max);
    }

    /** The allowed texts of a {@code CHOICE}, in display order; empty for other types. */
    public List<String> choices() {
        return choices;
    }

    /** The unit, such as {@code "%"} or {@code "epochs"}; empty when the value has none. */
    public String unit() {
        return unit;
    }

    /** One or two sentences for a tooltip or {@code --help}; may be empty. */
    public String help() {
        return help;
    }

    /** The form group. */
    public ParameterGroup group() {
        return group;
    }

    /**
     * For a text parameter that names a file a run produced (a checkpoint), the artifact kind
     * those files are stored under, so the studio can offer the stored ones; empty otherwise.
     */
    public java.util.Optional<String> artifactKind() {
        return java.util.Optional.ofNullable(artifactKind);
    }

    /** Whether this text parameter names a folder on disk, so a form can offer a folder chooser. */
    public boolean namesFolder() {
        return namesFolder;
    }

    /**
     * What this parameter accepts, in words, e.g. {@code "a number in [0, 0.99]"} or
     * {@code "one of uniform, ER, ERK"}. Used in every rejection message.
     */
    public String allowed() {
        String range = rangeText();
        return switch (type) {
            case INT -> "a whole number" + (range.isEmpty() ? "" : " " + range);
            case DOUBLE -> "a number" + (range.isEmpty() ? "" : " " + range);
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case NUMBER_LIST -> "a non-empty list of numbers" + (range.isEmpty() ? "" : ", each " + range);
            case TEXT -> "one line of text";
        };
    }

    // ---- values ------------------------------------------------------------------------------

    /**
     * Reads a value from text, as typed on a command line or in a form field, independently of
     * the default locale. Numbers use a decimal point; lists are written {@code 0.5,0.8} or as a
     * JSON-style array {@code [0.5, 0.8]}; booleans are {@code true} or {@code false}; choices
     * match ignoring case and come back in their declared spelling; a text is taken as it is,
     * less leading and trailing blanks.
     *
     * @return the value in canonical form, already {@linkplain #validate(Object) validated}
     * @throws ParameterException if the text is not a value of this type or is out of range
     */
    public Object parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        return switch (type) {
            case INT -> normalize(parseInteger(t, text));
            case DOUBLE -> normalize(parseDecimal(t, text, null));
            case BOOLEAN -> {
                if (t.equalsIgnoreCase("true")) {
                    yield Boolean.TRUE;
                }
                if (t.equalsIgnoreCase("false")) {
                    yield Boolean.FALSE;
                }
                throw reject(quote(text), "is not " + allowed());
            }
            case CHOICE -> normalize(t);
            case NUMBER_LIST -> normalize(parseList(t, text));
            case TEXT -> normalize(t);
        };
    }

    /**
     * Checks a value: its type and its range or choices.
     *
     * @throws ParameterException naming this parameter, the value and what is allowed
     */
    public void validate(Object value) {
        normalize(value);
    }

    /**
     * Checks a value and returns it in canonical form: {@code Integer} for {@code INT} (any
     * integral number within range is accepted), {@code Double} for {@code DOUBLE} (any finite
     * number), {@code Boolean}, the declared spelling of a choice, an unmodifiable
     * {@code List<Double>} for {@code NUMBER_LIST}, and the stripped {@code String} for
     * {@code TEXT} (one line; empty allowed).
     *
     * @throws ParameterException naming this parameter, the value and what is allowed
     */
    public Object normalize(Object value) {
        if (value == null) {
            throw reject("null", "is missing; expected " + allowed());
        }
        return switch (type) {
            case INT -> normalizeInt(value);
            case DOUBLE -> checkRange(value, toFiniteDouble(value, null), null);
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                throw reject(describe(value), "is not " + allowed());
            }
            case CHOICE -> normalizeChoice(value);
            case NUMBER_LIST -> normalizeList(value);
            case TEXT -> {
                if (value instanceof String text && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
                    yield text.strip();
                }
                throw reject(describe(value), "is not " + allowed());
            }
        };
    }

    /**
     * Writes a value as text that {@link #parse(String)} reads back to an equal value, whatever
     * the default locale: {@code 0.5}, {@code 12}, {@code true}, {@code ERK}, {@code 0.5,0.8}.
     *
     * @throws ParameterException if the value is not valid for this parameter
     */
    public String format(Object value) {
        Object v = normalize(value);
        return switch (type) {
            case INT, BOOLEAN, CHOICE, TEXT -> v.toString();
            case DOUBLE -> formatNumber((Double) v);
            case NUMBER_LIST -> {
                List<String> parts = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    parts.add(formatNumber((Double) e));
                }
                yield String.join(",", parts);
            }
        };
    }

    /**
     * Formats a number the way every file and message of the studio does: a point, no grouping,
     * no needless zeros ({@code 0.5}, {@code 2}, {@code 1.0E-9} for tiny or huge magnitudes).
     */
    public static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (Double.isFinite(v) && a >= 1e-6 && a < 1e15) {
            // BigDecimal.valueOf uses Double.toString's shortest digits, so 0.1 stays 0.1
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v); // locale-independent, and parse() reads its exponent form
    }

    @Override
    public String toString() {
        return name + " (" + type + ", default " + format(defaultValue) + ")";
    }

    // ---- internals ---------------------------------------------------------------------------

    private Object parseInteger(String t, String raw) {
        if (INTEGER.matcher(t).matches()) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw reject(quote(raw), "is too large; expected " + allowed());
            }
        }
        if (DECIMAL.matcher(t).matches() || t.contains(",")) {
            throw reject(quote(raw), "is not a whole number; expected " + allowed());
        }
        throw reject(quote(raw), "is not " + allowed());
    }

    /** @param whole the whole text when {@code t} is one element of a list, else null */
    private double parseDecimal(String t, String raw, String whole) {
        String shown = whole == null ? quote(raw) : quote(whole);
        String element = whole == null ? "" : "element " + quote(raw) + " ";
        if (DECIMAL.matcher(t).matches()) {
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d)) {
                throw reject(shown, element + "is too large; expected " + allowed());
            }
            return d;
        }
        if (whole == null && t.matches("[+-]?\\d*,\\d+")) {
            throw reject(shown, "uses a decimal comma; write a decimal point instead ("
                    + t.replace(',', '.') + "), whatever the language settings; expected " + allowed());
        }
        throw reject(shown, element + "is not a number; expected " + allowed());
    }

    private List<Double> parseList(String t, String raw) {
        String body = t;
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1).strip();
        }
        if (body.isEmpty()) {
            throw reject(quote(raw), "is empty; expected " + allowed());
        }
        List<Double> out = new ArrayList<>();
        for (String part : body.split(",", -1)) {
            out.add(parseDecimal(part.strip(), part.strip(), raw));
        }
        return out;
    }

    private Integer normalizeInt(Object value) {
        long l;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            l = ((Number) value).longValue();
        } else if (value instanceof java.math.BigInteger bi) {
            if (bi.bitLength() > 63) {
                throw reject(bi.toString(), "is too large; expected " + allowed());
            }
            l = bi.longValue();
        } else if (value instanceof Number n) {
            // 2.0 from a JSON file means 2; 2.5 does not
            double d = toFiniteDouble(n, null);
            if (d != Math.rint(d) || Math.abs(d) > Long.MAX_VALUE) {
                throw reject(describe(value), "is not a whole number; expected " + allowed());
            }
            l = (long) d;
        } else {
            throw reject(describe(value), "is not " + allowed());
        }
        checkRange(value, l, null);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw reject(Long.toString(l), "is too large; expected " + allowed());
        }
        return (int) l;
    }

    private String normalizeChoice(Object value) {
        if (!(value instanceof String s)) {
            throw reject(describe(value), "is not " + allowed());
        }
        for (String c : choices) {
            if (c.equals(s)) {
                return c;
            }
        }
        // a command line is typed by hand: "erk" means ERK when that is unambiguous
        String match = null;
        for (String c : choices) {
            if (c.equalsIgnoreCase(s.strip())) {
                if (match != null) {
                    match = null;
                    break;
                }
                match = c;
            }
        }
        if (match == null) {
            throw reject(quote(s), "is not " + allowed());
        }
        return match;
    }

    private List<Double> normalizeList(Object value) {
        Collection<?> items;
        if (value instanceof Collection<?> c) {
            items = c;
        } else if (value instanceof double[] a) {
            items = Arrays.stream(a).boxed().toList();
        } else if (value instanceof Object[] a) {
            items = Arrays.asList(a);
        } else {
            throw reject(describe(value), "is not " + allowed());
        }
        if (items.isEmpty()) {
            throw reject("[]", "is empty; expected " + allowed());
        }
        List<Double> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Number n)) {
                throw reject(describe(value), "holds " + describe(item) + ", which is not a number; expected " + allowed());
            }
            out.add(checkRange(value, toFiniteDouble(n, value), n));
        }
        return List.copyOf(out);
    }

    /** @param whole the list a number belongs to, for the message; null for a scalar */
    private double toFiniteDouble(Object value, Object whole) {
        if (!(value instanceof Number n)) {
            throw reject(describe(value), "is not " + allowed());
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw reject(describe(whole != null ? whole : value),
                    (whole != null ? "holds " + describe(value) + ", which " : "") + "is not a finite number; expected " + allowed());
        }
        return d;
    }

    /** @param element the list element being checked, or null for a scalar {@code value} */
    private double checkRange(Object value, double d, Object element) {
        boolean below = min != null && d < min;
        boolean above = max != null && d > max;
        if (below || above) {
            if (element != null) {
                throw reject(describe(value), "holds " + formatNumber(d) + ", which is outside " + boundsText());
            }
            throw reject(formatNumber(d), "is outside " + boundsText());
        }
        return d;
    }

    private String rangeText() {
        if (min == null && max == null) {
            return "";
        }
        if (min != null && max != null) {
            return "in " + boundsText();
        }
        return min != null ? "of at least " + formatNumber(min) : "of at most " + formatNumber(max);
    }

    private String boundsText() {
        return "[" + (min == null ? "-∞" : formatNumber(min)) + ", " + (max == null ? "∞" : formatNumber(max)) + "]";
    }

    private ParameterException reject(String shownValue, String what) {
        return new ParameterException(name, shownValue, name + " = " + shownValue + " " + what);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** A value as a person would recognise it in a message: numbers plain, texts quoted. */
    static String describe(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Double || value instanceof Float) {
            return formatNumber(((Number) value).doubleValue());
        }
        if (value instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            for (Object o : c) {
                parts.add(describe(o));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(value);
    }

    private static String humanize(String name) {
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Collects the optional parts of a declaration; {@link #group(ParameterGroup)} is required. */
    public static final class Builder {
        private final String name;
        private final ParameterType type;
        private final Object defaultValue;
        private String label;
        private Double min;
        private Double max;
        private List<String> choices = List.of();
        private String unit = "";
        private String help = "";
        private ParameterGroup group;
        private String artifactKind;
        private boolean namesFolder;

        private Builder(String name, ParameterType type, Object defaultValue) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("parameter name \"" + name + "\" is not lowerCamel ([a-z][A-Za-z0-9]*)");
            }
            if (name.equals(RESERVED_SEED)) {
                throw new IllegalArgumentException("parameter name \"seed\" is reserved for the run seed, "
                        + "which the design and its sweep own; choose another name, such as dataSeed");
            }
            this.name = name;
            this.type = type;
            this.defaultValue = defaultValue;
        }

        /** The label a form shows. */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label);
            return this;
        }

        /** The inclusive range of a number, or of each element of a number list. */
        public Builder range(double min, double max) {
            if (!(min <= max)) {
                throw new IllegalArgumentException(name + ": empty range [" + min + ", " + max + "]");
            }
            return min(min).max(max);
        }

        /** The inclusive lower bound of a number, or of each element of a number list. */
        public Builder min(double min) {
            requireNumeric();
            this.min = min;
            return this;
        }

        /** The inclusive upper bound of a number, or of each element of a number list. */
        public Builder max(double max) {
            requireNumeric();
            this.max = max;
            return this;
        }

        /** The unit shown beside the field, e.g. {@code "%"} or {@code "epochs"}. */
        public Builder unit(String unit) {
            this.unit = Objects.requireNonNull(unit);
            return this;
        }

        /** The help text. */
        public Builder help(String help) {
            this.help = Objects.requireNonNull(help);
            return this;
        }

        /** Marks a text parameter as naming a stored artifact of {@code kind} (e.g. "checkpoint"). */
        public Builder artifactKind(String kind) {
            if (type != ParameterType.TEXT) {
                throw new IllegalArgumentException(name + ": only a text parameter can name an artifact");
            }
            this.artifactKind = Objects.requireNonNull(kind);
            return this;
        }

        /** Marks a text parameter as naming a folder on disk (a data set's image folder). */
        public Builder folder() {
            if (type != ParameterType.TEXT) {
                throw new IllegalArgumentException(name + ": only a text parameter can name a folder");
            }
            this.namesFolder = true;
            return this;
        }

        /** The form group (required). */
        public Builder group(ParameterGroup group) {
            this.group = Objects.requireNonNull(group);
            return this;
        }

        /**
         * Builds the declaration.
         *
         * @throws IllegalArgumentException if the group is missing, a choice list is empty or
         *         repeats itself, or the default is not allowed by the declaration itself
         */
        public ParameterSpec build() {
            if (group == null) {
                throw new IllegalArgumentException(name + ": a parameter needs a group");
            }
            if (type == ParameterType.CHOICE
                    && (choices.isEmpty() || choices.stream().distinct().count() != choices.size())) {
                throw new IllegalArgumentException(name + ": choices must be non-empty and distinct: " + choices);
            }
            return new ParameterSpec(this);
        }

        private void requireNumeric() {
            if (type != ParameterType.INT && type != ParameterType.DOUBLE && type != ParameterType.NUMBER_LIST) {
                throw new IllegalArgumentException(name + ": a " + type + " parameter has no range");
            }
        }
    }
}
