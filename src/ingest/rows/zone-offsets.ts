import { DateTime } from 'luxon';

const hourMs = 60 * 60 * 1000;
const maximumCachedHours = 100_000;

// Asking Intl for a zone's offset costs microseconds, and a million-row import reads a million
// zone-less times; offsets are looked up once per zone and wall-clock hour (DST changes fall on
// hour boundaries), keyed by the hour number so a lookup builds no string.
const offsetsByZone = new Map<string, Map<number, number>>();
let lastZone = '';
let lastOffsets = new Map<number, number>();

/** Milliseconds since the epoch of a wall-clock time (read as if UTC) in `zone`. */
export function wallTimeToMillis(wallAsUtc: number, zone: string): number {
  if (zone !== lastZone) {
    let offsets = offsetsByZone.get(zone);
    if (!offsets) offsetsByZone.set(zone, (offsets = new Map()));
    lastZone = zone;
    lastOffsets = offsets;
  }
  const hour = Math.floor(wallAsUtc / hourMs);
  let offsetMinutes = lastOffsets.get(hour);
  if (offsetMinutes === undefined) {
    offsetMinutes = DateTime.fromMillis(wallAsUtc, { zone: 'utc' }).setZone(zone, { keepLocalTime: true }).offset;
    if (lastOffsets.size > maximumCachedHours) lastOffsets.clear();
    lastOffsets.set(hour, offsetMinutes);
  }
  return wallAsUtc - offsetMinutes * 60_000;
}
