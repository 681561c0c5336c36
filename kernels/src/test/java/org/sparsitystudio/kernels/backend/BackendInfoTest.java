package org.sparsitystudio.kernels.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendInfoTest {

    @Test
    void describesTheLoadedCpuBackend() {
        Threads.use(1);
        BackendInfo info = BackendInfo.current();
        assertEquals("cpu", info.backend());
        assertFalse(info.device().isBlank());
        assertEquals(1, info.blasThreads());
        assertEquals(1, info.threads());
        assertTrue(info.summary().startsWith("CPU · "), info.summary());
        assertEquals("cpu", info.asMap().get("backend"));
        assertEquals("FLOAT", info.dataType());
    }
}
