import { Timeline as AntTimeline, Typography } from 'antd';
import type { TimelineEntry } from '../api/views';
import { describe } from './timeline-lines';

const COLOURS: Record<string, string> = { 'sla-overdue': 'red', escalated: 'red', refused: 'red', withdrawn: 'gray', 'sla-warning': 'orange', 'department-incident': 'red' };

/** The case's timeline, newest last, as the record of who did what. */
export function CaseTimeline({ entries, blind = false }: { entries: TimelineEntry[]; blind?: boolean }) {
  return (
    <AntTimeline
      data-testid="timeline"
      items={entries.map((entry) => {
        const { when, who, what, why } = describe(entry, { blind });
        return {
          key: entry.seq,
          color: COLOURS[entry.action] ?? 'blue',
          content: (
            <div className="timeline-entry" data-action={entry.action}>
              <Typography.Text type="secondary">{when}</Typography.Text> <b>{who}</b> {what}
              {why ? <div className="timeline-reason">{why}</div> : null}
            </div>
          ),
        };
      })}
    />
  );
}
