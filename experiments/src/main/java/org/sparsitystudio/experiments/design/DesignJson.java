package org.sparsitystudio.experiments.design;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparsitystudio.experiments.spi.Design;
import org.sparsitystudio.experiments.spi.ExperimentKind;
import org.sparsitystudio.experiments.spi.ExperimentKinds;
import org.sparsitystudio.experiments.spi.SweepAxis;
import org.sparsitystudio.experiments.spi.UnknownKindException;

/**
 * Saves and loads designs as readable JSON:
 * <pre>{@code
 * {
 *   "kind" : "random-pruning-scaling",
 *   "seed" : 0,
 *   "parameters" : { "epochs" : 3, "distribution" : "ERK" },
 *   "sweep" : [ { "parameter" : "sparsity", "values" : [ 0.5, 0.9 ] },
 *               { "parameter" : "seed", "values" : [ 1, 2, 3 ] } ],
 *   "name" : "first look",
 *   "notes" : "",
 *   "formatVersion" : 1
 * }
 * }</pre>
 * Only {@code kind} is required; missing parameters take their declared defaults at expansion.
 * Loading checks everything against the kind's declarations (see {@link DesignValidator}) and
 * rejects unknown keys, so a typo such as {@code "sparsty"} fails loudly instead of silently
 * running the default. Writing and reading never consult the default {@link java.util.Locale}:
 * JSON numbers always use a decimal point.
 */
public final class DesignJson {

    /** The format this class writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> TOP_KEYS = Set.of("kind", "seed", "parameters", "sweep", "name", "notes",
            "formatVersion");
    private static final Set<String> AXIS_KEYS = Set.of("parameter", "values");

    private final ExperimentKinds kinds;
    private final ObjectMapper mapper;
    private final DefaultPrettyPrinter printer;

    /** A reader and writer for designs of these kinds. */
    public DesignJson(ExperimentKinds kinds) {
        this.kinds = kinds;
        this.mapper = new ObjectMapper();
        // a repeated key would otherwise let the last one win without a word
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // "\n" rather than the platform's separator, so a file saved on Windows diffs cleanly on Linux
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        this.printer = new DefaultPrettyPrinter().withObjectIndenter(indenter);
    }

    /**
     * The design as pretty JSON (ending in a newline), after checking it against its kind.
     *
     * @throws DesignException if the design is not valid for its kind
     */
    public String write(Design design) {
        Design d = DesignValidator.normalize(design, kind(design.kind()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("kind", d.kind());
        root.put("seed", d.seed());
        ObjectNode params = root.putObject("parameters");
        d.parameters().forEach((k, v) -> params.set(k, toNode(v)));
        ArrayNode sweep = root.putArray("sweep");
        for (SweepAxis axis : d.sweep()) {
            ObjectNode a = sweep.addObject();
            a.put("parameter", axis.parameter());
            ArrayNode values = a.putArray("values");
            axis.values().forEach(v -> values.add(toNode(v)));
        }
        root.put("name", d.name());
        root.put("notes", d.notes());
        root.put("formatVersion", FORMAT_VERSION);
        try {
            return mapper.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tree of plain values", e);
        }
    }

    /** Writes {@link #write(Design)} to a file in UTF-8. */
    public void write(Design design, Path file) throws IOException {
        Files.writeString(file, write(design), StandardCharsets.UTF_8);
    }

    /** Reads a design from a UTF-8 file; see {@link #read(String)}. */
    public Design read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Reads and validates a design.
     *
     * @return the design in canonical form (parameters as declared types, seeds as {@code Long})
     * @throws DesignException if the text is not JSON, or names an unknown key, kind or parameter,
     *         or holds a value its declaration rejects
     */
    public Design read(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new DesignException("", "the design is not well-formed JSON" + where + ": "
                    + firstLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new DesignException("", "the design must be a JSON object {...}, not "
                    + (root == null ? "empty text" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        rejectUnknownKeys(root, TOP_KEYS, "", "the top level");
        checkVersion(root.get("formatVersion"));
        String kindId = text(root, "kind", true);
        ExperimentKind kind = kind(kindId);
        long seed = root.has("seed") ? DesignValidator.seedValue(toJava(root.get("seed")), "seed") : 0L;
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode p = root.get("parameters");
        if (p != null) {
            if (!p.isObject()) {
                throw new DesignException("parameters", "parameters = " + p + " is not an object; allowed: "
                        + "{\"name\": value, ...}");
            }
            p.fields().forEachRemaining(e -> params.put(e.getKey(), toJava(e.getValue())));
        }
        List<SweepAxis> sweep = new ArrayList<>();
        JsonNode s = root.get("sweep");
        if (s != null) {
            if (!s.isArray()) {
                throw new DesignException("sweep", "sweep = " + s + " is not a list; allowed: "
                        + "[{\"parameter\": name, \"values\": [...]}, ...]");
            }
            for (int i = 0; i < s.size(); i++) {
                sweep.add(axis(s.get(i), "sweep[" + i + "]"));
            }
        }
        Design d = new Design(kindId, seed, params, sweep, text(root, "name", false), text(root, "notes", false));
        return DesignValidator.normalize(d, kind);
    }

    private SweepAxis axis(JsonNode node, String key) {
        if (!node.isObject()) {
            throw new DesignException(key, key + " = " + node + " is not an object; allowed: "
                    + "{\"parameter\": name, \"values\": [...]}");
        }
        rejectUnknownKeys(node, AXIS_KEYS, key + ".", key);
        String parameter = text(node, "parameter", true, key + ".");
        JsonNode values = node.get("values");
        if (values == null || !values.isArray()) {
            throw new DesignException(key + ".values", "the sweep over \"" + parameter + "\" has values = "
                    + (values == null ? "(missing)" : values.toString()) + "; allowed: a list such as [0.5, 0.9]");
        }
        List<Object> list = new ArrayList<>();
        values.forEach(v -> list.add(toJava(v)));
        return new SweepAxis(parameter, list);
    }

    private ExperimentKind kind(String id) {
        try {
            return kinds.get(id);
        } catch (UnknownKindException e) {
            throw new DesignException("kind", "kind = \"" + id + "\" is not a known experiment kind; allowed: "
                    + String.join(", ", kinds.ids()));
        }
    }

    private static void checkVersion(JsonNode v) {
        if (v == null) {
            return; // files written before the field existed are version 1
        }
        if (!v.isIntegralNumber() || v.asLong() < 1) {
            throw new DesignException("formatVersion", "formatVersion = " + v + " is not a version; allowed: "
                    + FORMAT_VERSION);
        }
        if (v.asLong() > FORMAT_VERSION) {
            throw new DesignException("formatVersion", "formatVersion = " + v + " is newer than this studio reads; "
                    + "allowed: " + FORMAT_VERSION + " (update the studio to open this design)");
        }
    }

    private static void rejectUnknownKeys(JsonNode node, Set<String> allowed, String prefix, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw new DesignException(prefix + n, "unknown key \"" + n + "\" (value " + node.get(n) + ") in "
                        + where + "; allowed keys: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String text(JsonNode node, String field, boolean required) {
        return text(node, field, required, "");
    }

    private static String text(JsonNode node, String field, boolean required, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new DesignException(prefix + field, prefix + field + " is missing; allowed: a text");
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new DesignException(prefix + field, prefix + field + " = " + v + " is not a text; allowed: a text in quotes");
        }
        return v.textValue();
    }

    /** Plain Java values, so that the declarations (which know no JSON) can judge them. */
    private static Object toJava(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.numberValue(); // Integer, Long or BigInteger: the declaration checks the range
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            v.forEach(e -> out.add(toJava(e)));
            return out;
        }
        // null and objects are never valid values; kept as their JSON text for the message
        return new JsonText(v.toString());
    }

    private static JsonNode toNode(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof Integer i) {
            return f.numberNode(i);
        }
        if (v instanceof Long l) {
            return f.numberNode(l);
        }
        if (v instanceof Double d) {
            return f.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof String s) {
            return f.textNode(s);
        }
        if (v instanceof List<?> list) {
            ArrayNode a = f.arrayNode();
            list.forEach(e -> a.add(toNode(e)));
            return a;
        }
        throw new IllegalStateException("not a canonical parameter value: " + v.getClass().getName());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A JSON object where a value was expected; shown as written in the rejection message. */
    private record JsonText(String json) {
        @Override
        public String toString() {
            return json;
        }
    }
}
