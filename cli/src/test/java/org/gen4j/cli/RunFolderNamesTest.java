package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automatically named run folders never collide, even when runs start at the same moment. */
class RunFolderNamesTest {

    @TempDir
    Path tmp;

    @Test
    void runsStartingTogetherGetFoldersOfTheirOwn() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Path>> claimed = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                claimed.add(pool.submit(() -> {
                    go.await();
                    return TrainCommand.claimRunFolder(tmp.resolve("runs"), "dcgan-20261201-120000");
                }));
            }
            go.countDown();
            Set<Path> folders = new HashSet<>();
            for (Future<Path> f : claimed) {
                folders.add(f.get());
            }
            assertThat(folders).hasSize(n).allMatch(p -> p.toFile().isDirectory());
            assertThat(folders).contains(tmp.resolve("runs/dcgan-20261201-120000"),
                    tmp.resolve("runs/dcgan-20261201-120000-8"));
        } finally {
            pool.shutdownNow();
        }
    }
}
