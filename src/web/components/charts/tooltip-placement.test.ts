import { describe, expect, it } from 'vitest';
import { intersectBoxes, isEmptyBox, placeTooltip } from './tooltip-placement.js';

// a phone's chart: 300 px of it on the screen, 240 px tall
const room = { left: 0, top: 0, right: 300, bottom: 240 };

describe('where a chart tooltip goes', () => {
  it('goes right of and below the pointer where it fits, as ECharts places it', () => {
    expect(placeTooltip([40, 30], 120, 60, room)).toEqual([60, 50]);
  });

  it('goes left of the pointer when the room on its right is too narrow', () => {
    expect(placeTooltip([250, 30], 120, 60, room)).toEqual([110, 50]);
  });

  it('goes above the pointer when the room below is too short', () => {
    expect(placeTooltip([40, 200], 120, 60, room)).toEqual([60, 120]);
  });

  it('puts a tooltip fitting beside the pointer on neither side above the finger, inside the room, never past its left edge', () => {
    // ECharts' own placement: 250 − 280 − 20, 30 px left of the chart
    expect(placeTooltip([250, 180], 280, 100, room)).toEqual([20, 60]);
    expect(placeTooltip([10, 180], 280, 100, room)).toEqual([0, 60]);
  });

  it('puts such a tooltip below the finger when the room above is too short', () => {
    expect(placeTooltip([150, 40], 280, 100, room)).toEqual([10, 60]);
  });

  it('keeps its start in sight when it is wider or taller than the room', () => {
    expect(placeTooltip([150, 120], 400, 300, room)).toEqual([0, 0]);
  });

  it('stays inside a room that starts inside the chart, as a chart scrolled sideways in its box shows it', () => {
    const scrolled = { left: 500, top: 0, right: 800, bottom: 240 };
    expect(placeTooltip([780, 180], 280, 100, scrolled)).toEqual([520, 60]);
    expect(placeTooltip([510, 180], 280, 100, scrolled)).toEqual([500, 60]);
  });
});

describe('the part of a chart in sight', () => {
  it('is what every box around it leaves of it', () => {
    expect(intersectBoxes({ left: -100, top: 20, right: 900, bottom: 300 }, { left: 0, top: 0, right: 360, bottom: 740 }, { left: 29, top: 0, right: 331, bottom: 800 }))
      .toEqual({ left: 29, top: 20, right: 331, bottom: 300 });
  });

  it('is empty for a chart scrolled off the screen', () => {
    expect(isEmptyBox(intersectBoxes({ left: 0, top: -400, right: 300, bottom: -100 }, { left: 0, top: 0, right: 360, bottom: 740 }))).toBe(true);
    expect(isEmptyBox({ left: 0, top: 0, right: 300, bottom: 240 })).toBe(false);
  });
});
