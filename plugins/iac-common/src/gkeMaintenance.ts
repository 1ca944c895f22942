/*
 * GKE maintenance availability: GKE refuses a maintenance policy that leaves
 * less than 48 hours of maintenance window in some 32-day period
 * (cloud.google.com/kubernetes-engine/docs/concepts/maintenance-windows-and-exclusions,
 * "at least 48 hours of availability in a 32-day rolling window"). A
 * recurring window repeats [start, end) by an RFC 5545 RRULE, so the total is
 * the union of the occurrences falling into each 32-day period; this module
 * expands the rule and returns the smallest such total.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** GKE's rule: at least this many hours in every period of PERIOD_DAYS. */
export const GKE_MIN_MAINTENANCE_HOURS = 48;
/** Length of the rolling period of GKE's rule, in days. */
export const GKE_MAINTENANCE_PERIOD_DAYS = 32;

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

type Rule = {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  count?: number;
  until?: number;
  byDay: { n?: number; day: number }[];
  byMonthDay: number[];
  wkst: number;
};

function parseRule(rule: string): Rule | undefined {
  const parts = new Map(
    rule.split(';').map(p => p.split('=') as [string, string]),
  );
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY') {
    return undefined;
  }
  const until = parts.get('UNTIL');
  let untilMs: number | undefined;
  if (until) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(until);
    if (!m) return undefined;
    untilMs = Date.UTC(
      +m[1],
      +m[2] - 1,
      +m[3],
      m[4] ? +m[4] : 23,
      m[5] ? +m[5] : 59,
      m[6] ? +m[6] : 59,
    );
  }
  const byDay = (parts.get('BYDAY')?.split(',') ?? []).map(d => {
    const m = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
    return {
      n: m?.[1] ? Number(m[1]) : undefined,
      day: WEEKDAYS.indexOf((m?.[2] ?? 'MO') as (typeof WEEKDAYS)[number]),
    };
  });
  return {
    freq,
    interval: Number(parts.get('INTERVAL') ?? 1) || 1,
    count: parts.has('COUNT') ? Number(parts.get('COUNT')) : undefined,
    until: untilMs,
    byDay,
    byMonthDay: (parts.get('BYMONTHDAY')?.split(',') ?? []).map(Number),
    wkst: WEEKDAYS.indexOf(
      (parts.get('WKST') ?? 'MO') as (typeof WEEKDAYS)[number],
    ),
  };
}

const dayStart = (ms: number) => ms - (((ms % DAY) + DAY) % DAY);

function monthDays(year: number, month: number, rule: Rule): number[] {
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const all = Array.from({ length }, (_, i) => i + 1);
  const weekday = (d: number) => new Date(Date.UTC(year, month, d)).getUTCDay();
  let days = all;
  if (rule.byMonthDay.length > 0) {
    const wanted = new Set(
      rule.byMonthDay.map(d => (d > 0 ? d : length + 1 + d)),
    );
    days = days.filter(d => wanted.has(d));
  }
  if (rule.byDay.length > 0) {
    days = days.filter(d =>
      rule.byDay.some(b => {
        if (b.day !== weekday(d)) return false;
        if (b.n === undefined) return true;
        const same = all.filter(x => weekday(x) === b.day);
        const index = b.n > 0 ? b.n - 1 : same.length + b.n;
        return same[index] === d;
      }),
    );
  }
  return days;
}

/** Start times (ms) of the occurrences of a rule from `start` until `end`. */
function occurrences(rule: Rule, start: number, end: number): number[] {
  const out: number[] = [];
  const timeOfDay = start - dayStart(start);
  const first = new Date(start);
  const accept = (ms: number) => {
    if (ms < start || ms >= end) return true;
    if (rule.until !== undefined && ms > rule.until) return false;
    if (rule.count !== undefined && out.length >= rule.count) return false;
    out.push(ms);
    return true;
  };
  if (rule.freq === 'MONTHLY') {
    const defaultDay = first.getUTCDate();
    for (let i = 0; ; i += rule.interval) {
      const y =
        first.getUTCFullYear() + Math.floor((first.getUTCMonth() + i) / 12);
      const m = (first.getUTCMonth() + i) % 12;
      if (Date.UTC(y, m, 1) >= end) break;
      const days =
        rule.byDay.length || rule.byMonthDay.length
          ? monthDays(y, m, rule)
          : [defaultDay].filter(
              d => d <= new Date(Date.UTC(y, m + 1, 0)).getUTCDate(),
            );
      for (const d of days) {
        if (!accept(Date.UTC(y, m, d) + timeOfDay)) return out;
      }
    }
    return out;
  }
  const weekdays = new Set(
    rule.byDay.length ? rule.byDay.map(b => b.day) : [first.getUTCDay()],
  );
  if (rule.freq === 'DAILY') {
    for (let t = start; t < end; t += rule.interval * DAY) {
      const date = new Date(t);
      if (rule.byDay.length && !weekdays.has(date.getUTCDay())) continue;
      if (
        rule.byMonthDay.length &&
        !monthDays(date.getUTCFullYear(), date.getUTCMonth(), {
          ...rule,
          byDay: [],
        }).includes(date.getUTCDate())
      ) {
        continue;
      }
      if (!accept(t)) return out;
    }
    return out;
  }
  // WEEKLY: the week of the start (beginning on WKST), every INTERVAL weeks
  const offset = (first.getUTCDay() - rule.wkst + 7) % 7;
  for (
    let week = dayStart(start) - offset * DAY;
    week < end;
    week += rule.interval * 7 * DAY
  ) {
    for (let i = 0; i < 7; i++) {
      const day = week + i * DAY;
      if (weekdays.has(new Date(day).getUTCDay())) {
        if (!accept(day + timeOfDay)) return out;
      }
    }
  }
  return out;
}

/** The smallest maintenance availability over every 32-day period. */
export interface MaintenanceAvailability {
  /** Hours of maintenance window in the worst 32-day period. */
  hours: number;
  /** Start of that period (ISO 8601). */
  from: string;
}

/**
 * The least hours of maintenance window in any 32-day period of the year
 * after `start`, for a window [start, end) repeated by `rrule` (no "RRULE:"
 * prefix). Undefined when the inputs cannot be read (other checks report
 * those).
 */
export function maintenanceAvailability(
  start: string,
  end: string,
  rrule: string,
): MaintenanceAvailability | undefined {
  const s = Date.parse(start);
  const e = Date.parse(end);
  const rule = parseRule(rrule);
  if (Number.isNaN(s) || Number.isNaN(e) || e <= s || !rule) return undefined;
  const duration = e - s;
  const period = GKE_MAINTENANCE_PERIOD_DAYS * DAY;
  const horizon = s + 366 * DAY;
  // merged occurrence intervals (overlapping windows count once)
  const windows: [number, number][] = [];
  for (const t of occurrences(rule, s, horizon + period)) {
    const last = windows[windows.length - 1];
    if (last && t <= last[1]) last[1] = Math.max(last[1], t + duration);
    else windows.push([t, t + duration]);
  }
  // the minimum is reached where a period starts at the end of a window or
  // ends at the start of one
  const candidates = new Set<number>([s]);
  for (const [a, b] of windows) {
    candidates.add(b);
    candidates.add(a - period);
  }
  let best: MaintenanceAvailability | undefined;
  for (const from of [...candidates].sort((x, y) => x - y)) {
    if (from < s || from > horizon) continue;
    let total = 0;
    for (const [a, b] of windows) {
      if (a >= from + period) break;
      total += Math.max(0, Math.min(b, from + period) - Math.max(a, from));
    }
    const hours = total / HOUR;
    if (!best || hours < best.hours) {
      best = { hours, from: new Date(from).toISOString() };
    }
  }
  return best;
}

/** Why a recurring GKE maintenance window is too short in total, or undefined. */
export function maintenanceAvailabilityProblem(
  start: string,
  end: string,
  rrule: string,
): string | undefined {
  const a = maintenanceAvailability(start, end, rrule);
  if (!a || a.hours >= GKE_MIN_MAINTENANCE_HOURS) return undefined;
  const hours = Math.round(a.hours * 10) / 10;
  return `The maintenance window gives only ${hours} hours in the ${GKE_MAINTENANCE_PERIOD_DAYS} days from ${a.from.slice(
    0,
    10,
  )}; GKE requires at least ${GKE_MIN_MAINTENANCE_HOURS} hours in every ${GKE_MAINTENANCE_PERIOD_DAYS}-day period. Lengthen the window (patch_window_end) or let it recur more often (e.g. 6 hours with "FREQ=WEEKLY;BYDAY=SA,SU")`;
}
