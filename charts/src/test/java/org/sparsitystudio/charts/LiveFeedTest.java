package org.sparsitystudio.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

    @Test
    void manyUpdatesBecomeOneScheduledRefreshUntilTheUiTakesThem() {
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        List<List<Integer>> batches = new ArrayList<>();
        LiveFeed<Integer> feed = new LiveFeed<>(uiQueue::add, batches::add);
        for (int i = 0; i < 1000; i++) {
            feed.offer(i);
        }
        assertEquals(1, uiQueue.size(), "one refresh for a thousand points");
        uiQueue.poll().run();
        assertEquals(1, batches.size());
        assertEquals(1000, batches.get(0).size());
        assertEquals(999, batches.get(0).get(999), "in arrival order");
        feed.offer(1000);
        assertEquals(1, uiQueue.size(), "the next point schedules the next refresh");
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        List<Integer> received = new ArrayList<>();
        LiveFeed<Integer> feed = new LiveFeed<>(uiQueue::add, received::addAll);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            int base = t * 10_000;
            new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    feed.offer(base + i);
                }
                done.countDown();
            }).start();
        }
        while (done.getCount() > 0 || !uiQueue.isEmpty()) {
            Runnable task = uiQueue.poll();
            if (task != null) {
                task.run();
            }
        }
        assertEquals(40_000, received.size());
        assertTrue(received.stream().distinct().count() == 40_000);
    }
}
