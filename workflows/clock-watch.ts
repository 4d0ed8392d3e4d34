import { condition } from '@temporalio/workflow';
import { SlaClock, SlaColour, nextTransition, readClock } from '../libs/domain/sla-clock';
import type { CaseEngine } from './case-engine';

/**
 * Keeps one clock's colour true with durable timers: sleeps until its next transition (yellow,
 * then red), and re-arms whenever the budget changes (pause, resume, extension). Never polls.
 * Each colour is announced once, through `onColour`; ends when the clock stops.
 */
export async function watchClock(engine: CaseEngine, clock: SlaClock, onColour: (colour: SlaColour) => void): Promise<void> {
  while (!clock.stoppedAt) {
    const now = new Date();
    const next = nextTransition(clock, engine.calendar, now);
    const seen = engine.clockChanges;
    const wake = () => engine.clockChanges !== seen || clock.stoppedAt !== undefined;
    if (next) await condition(wake, Math.max(next.getTime() - now.getTime(), 1));
    else await condition(wake);
    if (clock.stoppedAt) return;
    const colour = readClock(clock, engine.calendar, new Date()).colour;
    if (!clock.reached.includes(colour)) {
      // Straight from green to red (a warning day already past) still announces the warning first.
      if (colour === 'red' && !clock.reached.includes('yellow')) {
        clock.reached.push('yellow');
        onColour('yellow');
      }
      clock.reached.push(colour);
      onColour(colour);
      engine.touch();
    }
  }
}
