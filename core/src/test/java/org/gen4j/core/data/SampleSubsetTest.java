package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seeded split of a set without a test split. */
class SampleSubsetTest {

    @Test
    void theTwoPartsAreDisjointCoverTheSetAndDependOnlyOnTheSeed() {
        IdxDataset set = FashionMnist.sample("test");
        SampleSubset[] a = SampleSubset.split(set, 0.1, 7);
        SampleSubset[] b = SampleSubset.split(set, 0.1, 7);
        SampleSubset[] c = SampleSubset.split(set, 0.1, 8);
        assertThat(a[0].size()).isEqualTo(900);
        assertThat(a[1].size()).isEqualTo(100);
        Set<Integer> seen = new HashSet<>();
        float[] x = new float[784];
        float[] y = new float[784];
        for (SampleSubset part : a) {
            for (int i = 0; i < part.size(); i++) {
                part.copySample(i, x, 0);
                seen.add(java.util.Arrays.hashCode(x) * 31 + part.label(i));
            }
        }
        int distinct = new HashSet<>(java.util.stream.IntStream.range(0, set.size()).mapToObj(i -> {
            set.copySample(i, y, 0);
            return java.util.Arrays.hashCode(y) * 31 + set.label(i);
        }).toList()).size();
        assertThat(seen).hasSize(distinct);
        for (int i = 0; i < a[1].size(); i++) {
            a[1].copySample(i, x, 0);
            b[1].copySample(i, y, 0);
            assertThat(x).containsExactly(y);
        }
        boolean differs = false;
        for (int i = 0; i < a[1].size() && !differs; i++) {
            a[1].copySample(i, x, 0);
            c[1].copySample(i, y, 0);
            differs = !java.util.Arrays.equals(x, y);
        }
        assertThat(differs).as("another seed holds out other images").isTrue();
        assertThat(a[1].description()).contains("100 held out, seed 7");
        assertThat(a[0].numClasses()).isEqualTo(10);
    }

    @Test
    void badFractionsAndTinySetsAreRefused() {
        IdxDataset set = FashionMnist.sample("test");
        assertThatThrownBy(() -> SampleSubset.split(set, 0, 1))
                .hasMessageContaining("must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> SampleSubset.split(set, 1, 1)).hasMessageContaining("(0, 1)");
        SampleSubset one = new SampleSubset(set, new int[] {3}, "one");
        assertThatThrownBy(() -> SampleSubset.split(one, 0.5, 1))
                .hasMessageContaining("one holds 1 sample; a split needs at least 2");
        assertThat(SampleSubset.split(new SampleSubset(set, new int[] {1, 2}, "two"), 0.01, 1)[1]
                .size()).isEqualTo(1);
        assertThatThrownBy(() -> new SampleSubset(set, new int[] {1000}, "x"))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
