package io.casegrid.peer;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/**
 * What the deadline on "handle" does when it passes: marks the case warned. In the benchmark the
 * eight hours never pass; the timer's job is created and deleted with each case all the same.
 */
public final class DeadlineWarning implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("warned", true);
  }
}
