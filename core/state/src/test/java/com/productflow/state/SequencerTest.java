package com.productflow.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencerTest {
    @Test
    void comparesAsAwsDocumentsPaddingTheShorterWithLeadingZeros() {
        // Plain text comparison would put "FF" after "0100"; padded, 0x100 is newer.
        assertThat(new Sequencer("0100").isNewerThan(new Sequencer("FF"))).isTrue();
        assertThat(new Sequencer("FF").compareTo(new Sequencer("00FF"))).isZero();
        assertThat(new Sequencer("0055aed6dcd90281e5").compareTo(new Sequencer("0055AED6DCD90281E5"))).isZero();
        List<Sequencer> events = new ArrayList<>(List.of(new Sequencer("A0"), new Sequencer("0B"), new Sequencer("100")));
        events.sort(null);
        assertThat(events).extracting(Sequencer::hex).containsExactly("B", "A0", "100");
    }

    @Test
    void theSortableFormOrdersAsText() {
        Sequencer small = new Sequencer("FF");
        Sequencer big = new Sequencer("100");
        assertThat(small.sortable()).hasSize(Sequencer.WIDTH);
        assertThat(small.sortable().compareTo(big.sortable())).isNegative();
        assertThat(Sequencer.fromSortable(big.sortable())).isEqualByComparingTo(big);
    }

    @Test
    void rejectsWhatIsNotASequencer() {
        assertThatThrownBy(() -> new Sequencer("12G4")).isInstanceOf(BadInputException.class).hasMessageContaining("12G4");
        assertThatThrownBy(() -> new Sequencer("1".repeat(65))).isInstanceOf(BadInputException.class);
        assertThat(Sequencer.ofNullable(" ")).isNull();
    }
}
