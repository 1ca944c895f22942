import {
  maintenanceAvailability,
  maintenanceAvailabilityProblem,
} from './gkeMaintenance';
import { gcpTerraformContextSchema } from './terraform';

const START = '2025-01-04T02:00:00Z'; // a Saturday

describe('maintenanceAvailability', () => {
  it.each([
    // 6 h on Saturday and Sunday: 8 windows in the worst 32 days (exactly 48)
    ['2025-01-04T08:00:00Z', 'FREQ=WEEKLY;BYDAY=SA,SU', 48],
    // 4 h once a week: 4 windows in the worst 32 days
    ['2025-01-04T06:00:00Z', 'FREQ=WEEKLY;BYDAY=SA', 16],
    // 4 h every day: 32 windows
    ['2025-01-04T06:00:00Z', 'FREQ=DAILY', 128],
    // 4 h every other day: 16 windows
    ['2025-01-04T06:00:00Z', 'FREQ=DAILY;INTERVAL=2', 64],
    // 12 h every two weeks on SA: 2 windows in the worst 32 days
    ['2025-01-04T14:00:00Z', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA', 24],
    // first Saturday of the month, 24 h: 35 days between some of them
    ['2025-01-05T02:00:00Z', 'FREQ=MONTHLY;BYDAY=1SA', 0],
    // 12 h every day of the month from the 1st to the 4th: four per month
    ['2025-01-04T14:00:00Z', 'FREQ=MONTHLY;BYMONTHDAY=1,2,3,4', 48],
    // weekdays, 4 h
    ['2025-01-04T06:00:00Z', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 88],
  ])('%s with %s gives %d hours', (end, rule, hours) => {
    expect(maintenanceAvailability(START, end, rule)?.hours).toBe(hours);
  });

  it('counts overlapping windows once', () => {
    // 36 h every day would be 1152 h; the union is the whole period
    expect(
      maintenanceAvailability(START, '2025-01-05T14:00:00Z', 'FREQ=DAILY')
        ?.hours,
    ).toBe(32 * 24);
  });

  it('sees a recurrence that ends (COUNT)', () => {
    expect(
      maintenanceAvailability(
        START,
        '2025-01-04T14:00:00Z',
        'FREQ=DAILY;COUNT=10',
      )?.hours,
    ).toBe(0);
  });

  it('explains the problem with the numbers', () => {
    expect(
      maintenanceAvailabilityProblem(
        START,
        '2025-01-04T06:00:00Z',
        'FREQ=WEEKLY;BYDAY=SA',
      ),
    ).toMatch(/only 16 hours in the 32 days .*at least 48 hours/);
    expect(
      maintenanceAvailabilityProblem(
        START,
        '2025-01-04T08:00:00Z',
        'FREQ=WEEKLY;BYDAY=SA,SU',
      ),
    ).toBeUndefined();
  });
});

describe('terraform_context (gcp): the maintenance window total (defect 7)', () => {
  const base = {
    project: 'platform',
    gcp_project_id: 'acme-platform-dev',
    gcp_region: 'us-central1',
    cluster_name: 'platform-gke',
  };

  it('accepts the defaults', () => {
    expect(gcpTerraformContextSchema.safeParse(base).success).toBe(true);
  });

  it('refuses a weekly 4-hour window with a field path', () => {
    const r = gcpTerraformContextSchema.safeParse({
      ...base,
      patch_window_end: '2025-01-04T06:00:00Z',
      patch_window_recurrence: 'FREQ=WEEKLY;BYDAY=SA',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({
        path: ['patch_window_recurrence'],
        message: expect.stringContaining('at least 48 hours'),
      }),
    ]);
  });
});
