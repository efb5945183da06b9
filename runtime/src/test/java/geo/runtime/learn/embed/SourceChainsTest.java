package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chains of a pass over pairs ({@link SourceChains}): grouped by base point, nearest targets first. */
class SourceChainsTest {

    /**
     * Five nodes on a line at 0, 3, 1, 2, 10 and the pairs (0, b) and (1, 4): node 0's targets
     * come in order 2 (at 1), 3 (at 2), 1 (at 3), 4 (at 10), each from the nearest earlier target
     * (3 from 2, 1 from 3, 4 from 1), the first from the straight line; (1, 4) alone.
     */
    @Test
    void groupsByBasePointAndStartsEachFromTheNearestEarlierTarget() {
        double[] positions = {0, 3, 1, 2, 10};
        int[] first = {0, 0, 0, 0, 1};
        int[] second = {1, 2, 3, 4, 4};
        List<SourceChains.Chain> chains = SourceChains.of(new int[] {0, 1, 2, 3, 4}, first, second, positions, 1);
        assertEquals(2, chains.size());
        assertArrayEquals(new int[] {1, 2, 0, 3}, chains.get(0).pairs());
        assertArrayEquals(new int[] {SourceChains.NONE, 1, 2, 0}, chains.get(0).from());
        assertArrayEquals(new int[] {4}, chains.get(1).pairs());
        assertArrayEquals(new int[] {SourceChains.NONE}, chains.get(1).from());
    }

    /** A target nearer to the base point than to every earlier target starts from the straight line. */
    @Test
    void aTargetCloserToTheBaseThanToEarlierTargetsStartsFromTheStraightLine() {
        // base (0, 0); targets (1, 0) and (0, 1.2): the second is 1.2 from the base, 1.56 from the first
        double[] positions = {0, 0, 1, 0, 0, 1.2};
        int[] first = {0, 0};
        int[] second = {1, 2};
        List<SourceChains.Chain> chains = SourceChains.of(new int[] {0, 1}, first, second, positions, 2);
        assertArrayEquals(new int[] {0, 1}, chains.get(0).pairs());
        assertArrayEquals(new int[] {SourceChains.NONE, SourceChains.NONE}, chains.get(0).from());
    }
}
