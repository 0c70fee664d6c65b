package dev.taskorchestrator.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every wait it is asked for, then really sleeps it (the waits are scaled down in tests). */
final class RecordingSleeper implements RetrySleeper {

  final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration wait) throws InterruptedException {
    waits.add(wait);
    RetrySleeper.threadSleep().sleep(wait);
  }
}
