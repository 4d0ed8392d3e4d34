export * from './calendar-day';
export * from './official-holidays.data';
export * from './provisional-holidays';
export * from './working-calendar';
export * from './official-year-rules';
export * from './calendar-warning';
export * from './calendar-changes';
