/** SLI measurements: `measurements/<slo name>.csv` (src/schemas/measurement.ts). */
export const MEASUREMENTS = {
  folder: 'measurements',
  extension: '.csv',
} as const;
