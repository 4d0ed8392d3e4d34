import { condition } from '@temporalio/workflow';
import { SlaClock, SlaColour, nextTransition } from '../../libs/domain/sla-clock';
import type { Clocks } from './clocks';

/**
 * Keeps one clock's colour true with durable timers: sleeps until its next transition (yellow,
 * then red), and re-arms whenever a budget changes (pause, resume, extension). Never polls.
 * Each colour is announced once, through `onColour`; ends when the clock stops.
 */
export async function watchClock(clocks: Clocks, clock: SlaClock, onColour: (colour: SlaColour) => void): Promise<void> {
  while (!clock.stoppedAt) {
    const now = new Date();
    const next = nextTransition(clock, clocks.calendar, now);
    const seen = clocks.changes;
    const wake = () => clocks.changes !== seen || clock.stoppedAt !== undefined;
    if (next) await condition(wake, Math.max(next.getTime() - now.getTime(), 1));
    else await condition(wake);
    if (clock.stoppedAt) return;
    const colour = clocks.read(clock).colour;
    if (!clock.reached.includes(colour)) {
      // Straight from green to red (a warning day already past) still announces the warning first.
      if (colour === 'red' && !clock.reached.includes('yellow')) {
        clocks.reach(clock, 'yellow');
        onColour('yellow');
      }
      clocks.reach(clock, colour);
      onColour(colour);
    }
  }
}
