/** Status-page domain logic: component and page status, daily uptime, incident durations. */
export * from './levels.ts';
export * from './component-status.ts';
export * from './page-status.ts';
export * from './uptime.ts';
export * from './duration.ts';
