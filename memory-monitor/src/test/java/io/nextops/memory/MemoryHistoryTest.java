package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryHistoryTest {

    private static MemorySample sample(long second) {
        return new MemorySample(Instant.ofEpochSecond(second), second * 10, second, second, second, second, -1,
                MemoryStatus.GOOD);
    }

    @Test
    void keepsSamplesOldestFirst() {
        MemoryHistory history = new MemoryHistory(5);
        history.add(sample(1));
        history.add(sample(2));

        assertThat(history.toList()).containsExactly(sample(1), sample(2));
    }

    @Test
    void dropsTheOldestWhenFull() {
        MemoryHistory history = new MemoryHistory(3);
        for (int s = 1; s <= 8; s++) {
            history.add(sample(s));
        }

        assertThat(history.size()).isEqualTo(3);
        assertThat(history.toList()).containsExactly(sample(6), sample(7), sample(8));
    }

    @Test
    void anHourAtFiveSecondsStaysAt720Points() {
        MemoryHistory history = new MemoryHistory(720);
        for (int s = 0; s < 720 * 3; s += 1) {
            history.add(sample(s * 5L));
        }

        List<MemorySample> all = history.toList();
        assertThat(all).hasSize(720);
        assertThat(all.get(0).timestamp()).isEqualTo(Instant.ofEpochSecond((720 * 2) * 5L));
    }

    @Test
    void copiesRssOfTheWindowOnly() {
        MemoryHistory history = new MemoryHistory(4);
        for (int s = 1; s <= 6; s++) {
            history.add(sample(s));
        }
        long[] times = new long[4];
        long[] rss = new long[4];

        int n = history.copyRssSince(Instant.ofEpochSecond(5).toEpochMilli(), times, rss);

        assertThat(n).isEqualTo(2);
        assertThat(rss).startsWith(50, 60);
    }
}
