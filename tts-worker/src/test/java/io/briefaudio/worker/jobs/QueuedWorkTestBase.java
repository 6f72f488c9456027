package io.briefaudio.worker.jobs;

import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every worker test on the real queue starts from: an empty queue (and its fixtures) before each test, and no
 * worker left running after it. JUnit runs these before a subclass's own {@code @BeforeEach} and after its
 * {@code @AfterEach}.
 */
abstract class QueuedWorkTestBase {

    @Inject
    WorkerHarness harness;

    QueueFixtures fixtures;

    @BeforeEach
    void startFromAnEmptyQueue() throws Exception {
        harness.emptyQueue();
        fixtures = new QueueFixtures(harness.dataSource);
    }

    @AfterEach
    void stopTheWorkers() {
        harness.stopAll();
    }
}
