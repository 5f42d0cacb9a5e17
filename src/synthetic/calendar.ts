/**
 * The generator's calendar: whole days in Asia/Jakarta (UTC+7, no daylight
 * saving) ending the day before `endDate`, so nothing generated lies in the
 * future of the moment the caller passed in.
 */

const dayMs = 86_400_000;
const jakartaOffsetMs = 7 * 3_600_000;
export const timeZone = 'Asia/Jakarta';

/**
 * Idul Fitri (Lebaran) first days as set by the Indonesian government; Ramadan
 * is the 30 days before. Outside this table we step back or forward by the
 * Islamic year (354.37 days), which is within a day or two.
 */
const lebaranDays: Record<number, string> = {
  2015: '2015-07-17', 2016: '2016-07-06', 2017: '2017-06-25', 2018: '2018-06-15',
  2019: '2019-06-05', 2020: '2020-05-24', 2021: '2021-05-13', 2022: '2022-05-02',
  2023: '2023-04-22', 2024: '2024-04-10', 2025: '2025-03-31', 2026: '2026-03-20',
  2027: '2027-03-10', 2028: '2028-02-27', 2029: '2029-02-14', 2030: '2030-02-05',
};
const islamicYearDays = 354.367;

export function lebaranDayOf(year: number): string {
  const known = lebaranDays[year];
  if (known) return known;
  const anchorYear = year < 2015 ? 2015 : 2030;
  let epoch = Date.parse(`${lebaranDays[anchorYear]}T00:00:00Z`);
  const step = year < anchorYear ? -1 : 1;
  for (;;) {
    epoch += step * islamicYearDays * dayMs;
    const day = new Date(Math.round(epoch / dayMs) * dayMs).toISOString().slice(0, 10);
    const dayYear = Number(day.slice(0, 4));
    if (dayYear === year) return day;
    if ((step < 0 && dayYear < year) || (step > 0 && dayYear > year)) return `${year}-01-01`;
  }
}

/** Why a day is special: drives both volume and what people buy. */
export type Season = 'normal' | 'ramadan' | 'pre-lebaran' | 'lebaran' | 'post-lebaran' | 'december' | 'christmas';

export type Calendar = {
  /** UTC epoch ms of the first day's local midnight. */
  startMs: number;
  dayCount: number;
  /** 'YYYY-MM-DD' per day index. */
  dayStrings: string[];
  /** 0 = Monday … 6 = Sunday. */
  weekdays: Uint8Array;
  seasons: Season[];
  /** Volume multiplier per day from the yearly pattern (mean about 1). */
  yearlyFactors: Float64Array;
};

const seasonFactors: Record<Season, number> = {
  normal: 1,
  ramadan: 0.92,
  // kue lebaran jars, hampers and buka-puasa boxes
  'pre-lebaran': 1.8,
  // shops close and cities empty for mudik
  lebaran: 0.45,
  'post-lebaran': 0.85,
  december: 1.2,
  christmas: 1.55,
};

function seasonOf(day: string, lebaranEpochDay: number, epochDay: number): Season {
  const fromLebaran = epochDay - lebaranEpochDay;
  if (fromLebaran >= 0 && fromLebaran <= 2) return 'lebaran';
  if (fromLebaran > 2 && fromLebaran <= 9) return 'post-lebaran';
  if (fromLebaran >= -12 && fromLebaran < 0) return 'pre-lebaran';
  if (fromLebaran >= -30 && fromLebaran < -12) return 'ramadan';
  if (day.slice(5, 7) === '12') return Number(day.slice(8, 10)) >= 16 ? 'christmas' : 'december';
  return 'normal';
}

export function buildCalendar(endDate: Date, years: number): Calendar {
  const endEpochDay = Math.floor((endDate.getTime() + jakartaOffsetMs) / dayMs);
  const dayCount = Math.max(7, Math.round(years * 365.25));
  const firstEpochDay = endEpochDay - dayCount;
  const dayStrings: string[] = [];
  const weekdays = new Uint8Array(dayCount);
  const seasons: Season[] = [];
  const yearlyFactors = new Float64Array(dayCount);
  const lebaranByYear = new Map<number, number>();
  for (let index = 0; index < dayCount; index++) {
    const epochDay = firstEpochDay + index;
    const day = new Date(epochDay * dayMs).toISOString().slice(0, 10);
    const year = Number(day.slice(0, 4));
    // the nearer of this year's and next year's Lebaran decides the season
    let lebaran = lebaranByYear.get(year);
    if (lebaran === undefined) {
      lebaran = Math.round(Date.parse(`${lebaranDayOf(year)}T00:00:00Z`) / dayMs);
      lebaranByYear.set(year, lebaran);
    }
    const nextLebaran = Math.round(Date.parse(`${lebaranDayOf(year + 1)}T00:00:00Z`) / dayMs);
    const anchor = epochDay > lebaran + 30 ? nextLebaran : lebaran;
    dayStrings.push(day);
    // 1970-01-01 was a Thursday (index 3 when Monday is 0)
    weekdays[index] = (epochDay + 3) % 7;
    const season = seasonOf(day, anchor, epochDay);
    seasons.push(season);
    yearlyFactors[index] = seasonFactors[season];
  }
  return { startMs: firstEpochDay * dayMs - jakartaOffsetMs, dayCount, dayStrings, weekdays, seasons, yearlyFactors };
}

const twoDigits = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));

/** ISO 8601 with the Jakarta offset, e.g. `2025-03-01T08:15:00+07:00`. */
export function formatLocalTime(calendar: Calendar, secondsFromStart: number): string {
  const day = Math.floor(secondsFromStart / 86_400);
  const second = secondsFromStart - day * 86_400;
  const hour = Math.floor(second / 3600);
  const minute = Math.floor((second - hour * 3600) / 60);
  return `${calendar.dayStrings[day]}T${twoDigits[hour]}:${twoDigits[minute]}:${twoDigits[second % 60]}+07:00`;
}

export function isWeekend(calendar: Calendar, day: number): boolean {
  return calendar.weekdays[day] >= 5;
}
