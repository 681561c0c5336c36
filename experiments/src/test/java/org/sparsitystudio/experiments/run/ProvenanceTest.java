package org.sparsitystudio.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.kernels.backend.BackendInfo;

class ProvenanceTest {

    private static Provenance record(String sparsity, long seed) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sparsity", sparsity);
        params.put("width", "1");
        return Provenance.collect("random-pruning-scaling", params, seed,
                FashionMnist.load(DataSource.embeddedSubset()).origin(), BackendInfo.current(), BuildInfo.current());
    }

    @Test
    void recordsParametersSeedDataBuildAndMachine() {
        Map<String, String> e = record("0.9", 7).entries();
        assertEquals("random-pruning-scaling", e.get("kind"));
        assertEquals("0.9", e.get("param.sparsity"));
        assertEquals("7", e.get("seed"));
        assertEquals("EMBEDDED_SUBSET", e.get("data.kind"));
        assertTrue(e.keySet().stream().anyMatch(k -> k.startsWith("data.sha256.")), e.toString());
        assertEquals("cpu", e.get("backend.backend"));
        assertFalse(e.get("jvm").isBlank());
        assertEquals(Map.of("sparsity", "0.9", "width", "1"), record("0.9", 7).parameters());
    }

    @Test
    void buildInfoCarriesVersionAndCommit() {
        BuildInfo build = BuildInfo.current();
        assertNotEquals("unknown", build.version(), "app.properties is filtered at build time");
        assertTrue(build.commit().matches("[0-9a-f]{40}|unknown"), build.commit());
    }

    @Test
    void diffListsExactlyTheKeysThatDiffer() {
        Provenance a = record("0.9", 1).with("startedAt", "t0");
        Provenance b = record("0.8", 2);
        List<Provenance.Difference> d = a.diff(b);
        assertEquals(List.of(new Provenance.Difference("param.sparsity", "0.9", "0.8"),
                new Provenance.Difference("seed", "1", "2"), new Provenance.Difference("startedAt", "t0", null)), d);
        assertTrue(a.diff(a).isEmpty());
    }
}
