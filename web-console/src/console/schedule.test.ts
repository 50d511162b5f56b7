import { describe, expect, it } from 'vitest';
import { clock, describeDays, describeSchedule, formatRuns, ordinalDay, validZone } from './schedule.ts';

describe('describeSchedule', () => {
  it('says each frequency in words, with the time zone', () => {
    expect(describeSchedule({ frequency: 'Daily', atHour: 7, atMinut: 5, timeZone: 'Europe/Paris' })).toBe('Daily at 07:05 (Europe/Paris)');
    expect(describeSchedule({ frequency: 'Weekly', atHour: 8, atMinut: 0, weeklyDays: ['Friday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday'] }))
      .toBe('Weekly on Monday to Friday at 08:00');
    expect(describeSchedule({ frequency: 'Hourly', everyHours: 2, fromHour: 8, fromMinut: 0, toHour: 18, toMinut: 30 }))
      .toBe('Every 2 hours from 08:00 to 18:30');
    expect(describeSchedule({ frequency: 'hourly', everyHours: 1 })).toBe('Every hour from 00:00 to 00:00');
    expect(describeSchedule({ frequency: 'Monthly', day: -1, atHour: 23, atMinut: 59 })).toBe('Monthly on the last day at 23:59');
    expect(describeSchedule({ frequency: 'Yearly', day: 2, month: 3, atHour: 6 })).toBe('Yearly on the 2nd of March at 06:00');
    expect(describeSchedule({ frequency: 'Once', atHour: 9 })).toBe('Once at 09:00');
    expect(describeSchedule({})).toBe('Not scheduled');
  });
});

describe('helpers', () => {
  it('formats clocks, ordinals and day lists', () => {
    expect(clock(null, 7)).toBe('00:07');
    expect(ordinalDay(1)).toBe('1st');
    expect(ordinalDay(11)).toBe('11th');
    expect(ordinalDay(22)).toBe('22nd');
    expect(ordinalDay(23)).toBe('23rd');
    expect(ordinalDay(0)).toBe('last day');
    expect(describeDays(['sunday', 'Saturday'])).toBe('Saturday and Sunday');
    expect(describeDays(['Monday', 'Wednesday', 'Friday'])).toBe('Monday, Wednesday and Friday');
    expect(describeDays([])).toBe('no day');
    expect(describeDays(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])).toBe('every day');
  });
});

describe('formatRuns', () => {
  it('shows instants in the schedule zone, across a DST change', () => {
    // 29 March 2026: Paris moves from UTC+1 to UTC+2; 07:30 local on both days
    expect(formatRuns(['2026-03-28T06:30:00Z', '2026-03-29T05:30:00Z'], 'Europe/Paris')).toEqual(['Sat 28 Mar 2026, 07:30', 'Sun 29 Mar 2026, 07:30']);
  });
  it('falls back to UTC for an unknown zone and drops bad instants', () => {
    expect(formatRuns(['2026-01-05T10:00:00Z', 'nope'], 'Mars/Olympus')).toEqual(['Mon 5 Jan 2026, 10:00']);
    expect(validZone('Mars/Olympus')).toBe(false);
    expect(validZone('America/New_York')).toBe(true);
  });
});
