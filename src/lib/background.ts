/**
 * Work done beside the pages (map layouts, authored diagrams, the search
 * index) runs on threads that give way to the page thread: on two cores
 * the pages are the build's critical path, and work that can wait should
 * use what they leave. On Linux a thread's nice value is its own and is
 * inherited by the processes it starts (Chromium, Pagefind), so a worker
 * thread calls this first. Where priorities cannot be set nothing changes.
 */
import { constants, setPriority } from 'node:os';

/** `urgent`: work pages wait for when it is late (map layouts) goes before work only the end of the build waits for. */
export function yieldToPages(urgent = false): void {
  try {
    setPriority(urgent ? constants.priority.PRIORITY_BELOW_NORMAL : constants.priority.PRIORITY_LOW);
  } catch {
    // not permitted or not supported: the work only competes as before
  }
}
