/** A rectangle by its edges, in pixels. */
export type Box = { left: number; top: number; right: number; bottom: number };

/** The tooltip's distance from the pointer: ECharts' own. */
export const pointerGap = 20;

/** The part of `box` inside every one of `boxes`; empty (right ≤ left, bottom ≤ top) when they do not meet. */
export function intersectBoxes(box: Box, ...boxes: readonly Box[]): Box {
  return boxes.reduce((inside, other) => ({
    left: Math.max(inside.left, other.left), top: Math.max(inside.top, other.top),
    right: Math.min(inside.right, other.right), bottom: Math.min(inside.bottom, other.bottom),
  }), box);
}

export function isEmptyBox(box: Box): boolean {
  return box.right <= box.left || box.bottom <= box.top;
}

/** Where along one axis a length starts: after the point, else before it, else as near the point's middle as `room` allows. */
function placeAlong(point: number, length: number, start: number, end: number, gap: number): { at: number; isBeside: boolean } {
  if (point + gap + length <= end) return { at: point + gap, isBeside: true };
  if (point - gap - length >= start) return { at: point - gap - length, isBeside: true };
  // wider than the room: its start in sight, the end cut, rather than the words it starts with
  return { at: Math.max(start, Math.min(point - length / 2, end - length)), isBeside: false };
}

/**
 * Where a tooltip of `width` × `height` goes for a pointer at `point`: inside `room` (the part of the chart on
 * screen) and clear of the pointer where it can be. ECharts' own placement flips a tooltip too wide for the
 * space right of the pointer to its left side, whatever is there: on a phone, off the screen's left edge.
 * Here it goes right of the pointer, else left, and below it, else above; a tooltip as wide as a phone, beside
 * the pointer on neither side, goes above the finger (which hides what is under it), else below it.
 */
export function placeTooltip(point: readonly [number, number], width: number, height: number, room: Box, gap = pointerGap): [number, number] {
  const [x, y] = point;
  const across = placeAlong(x, width, room.left, room.right, gap);
  if (across.isBeside) return [across.at, placeAlong(y, height, room.top, room.bottom, gap).at];
  if (y - gap - height >= room.top) return [across.at, y - gap - height];
  return [across.at, placeAlong(y, height, room.top, room.bottom, gap).at];
}
