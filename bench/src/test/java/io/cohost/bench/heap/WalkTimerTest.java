package io.cohost.bench.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohost.governor.heap.ObjectSizeModel;
import io.cohost.governor.heap.RetainedHeapWalker;
import org.junit.jupiter.api.Test;

class WalkTimerTest {
    private final RetainedHeapWalker walker = new RetainedHeapWalker(ObjectSizeModel.ofThisVm());

    @Test
    void theWalkSeesExactlyTheObjectsEachShapeSaysItBuilt() {
        for (GraphShape shape : GraphShape.values()) {
            GraphShape.Graph graph = shape.build(20_000);
            RetainedHeapWalker.Result r = WalkTimer.walk(walker, new GraphRoots(graph.root()), Long.MAX_VALUE).result();
            assertThat(r.complete()).as(shape.id()).isTrue();
            assertThat(r.objects()).as(shape.id()).isEqualTo(graph.objects());
            assertThat(graph.objects()).as(shape.id()).isBetween(19_000L, 20_000L);
        }
    }

    @Test
    void aWalkWithALimitStopsJustPastIt() {
        GraphShape.Graph graph = GraphShape.HASH_MAP.build(200_000);
        long limit = 1 << 20;
        RetainedHeapWalker.Result r = WalkTimer.walk(walker, new GraphRoots(graph.root()), limit).result();
        assertThat(r.complete()).isFalse();
        assertThat(r.bytes()).isGreaterThan(limit).isLessThan(limit + (1 << 16));
        assertThat(r.objects()).isLessThan(graph.objects());
    }

    @Test
    void rootsOwnTheJdksClassesAndTheBenchmarksButNotAnotherLoaders() throws Exception {
        GraphRoots roots = new GraphRoots(null);
        assertThat(roots.owns(String.class)).isTrue();
        assertThat(roots.owns(java.sql.Date.class)).isTrue(); // the platform loader's
        assertThat(roots.owns(GraphShape.Order.class)).isTrue();
        try (var other = new java.net.URLClassLoader(new java.net.URL[] {GraphShape.class.getProtectionDomain().getCodeSource().getLocation()}, null)) {
            assertThat(roots.owns(other.loadClass(GraphShape.Order.class.getName()))).isFalse();
        }
    }

    @Test
    void walkTimesAreReadBackFromTheChildsLine() {
        assertThat(WalkTimer.millis("1.250,2.000,,3.5")).containsExactly(1.25, 2.0, 3.5);
        assertThatThrownBy(() -> GraphShape.byId("tree")).hasMessageContaining("linked-list,hash-map,records");
    }
}
