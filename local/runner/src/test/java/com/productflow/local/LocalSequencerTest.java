package com.productflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.state.Sequencer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalSequencerTest {
    @Test
    void growsForEveryWriteEvenWhenTheClockStandsStillOrGoesBack() {
        AtomicLong clock = new AtomicLong(1_000_000);
        LocalSequencer sequencer = new LocalSequencer(clock::get);
        List<Sequencer> seen = new ArrayList<>();
        seen.add(new Sequencer(sequencer.next()));
        seen.add(new Sequencer(sequencer.next())); // same microsecond
        clock.set(5);                              // clock stepped back
        seen.add(new Sequencer(sequencer.next()));
        clock.set(2_000_000);
        seen.add(new Sequencer(sequencer.next()));
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).isNewerThan(seen.get(i - 1))).as("write %d after write %d", i, i - 1).isTrue();
        }
    }

    @Test
    void looksLikeAnS3Sequencer() {
        String value = new LocalSequencer().next();
        assertThat(value).matches("[0-9A-F]{16}");
        assertThat(new LocalSequencer().next().compareTo(value)).as("a later one, as text of equal width").isPositive();
    }
}
