export * from './official-holidays.data';
export * from './working-calendar';
