import { intersectBoxes, isEmptyBox, placeTooltip, type Box } from './tooltip-placement.js';

/**
 * The tooltip's words wrap: ECharts writes `white-space: nowrap`, and a line as long as a Latvian alert
 * ("Kategorijā … ieņēmumi …") drew a tooltip 800 px wide. No wider than a phone's screen leaves room for;
 * a chart narrower still wraps it at its own width (the tooltip is placed inside the chart).
 */
export const tooltipCss = 'white-space: normal; overflow-wrap: break-word; max-width: min(320px, 90vw);';

/** The part of the screen the reader sees: the visual viewport, smaller than the window when zoomed in. */
function screenBox(): Box {
  const viewport = window.visualViewport;
  if (!viewport) return { left: 0, top: 0, right: document.documentElement.clientWidth, bottom: document.documentElement.clientHeight };
  return { left: viewport.offsetLeft, top: viewport.offsetTop, right: viewport.offsetLeft + viewport.width, bottom: viewport.offsetTop + viewport.height };
}

/** An element's inside, scroll bars left out: what a box that clips or scrolls its content shows of it. */
function innerBox(element: Element): Box {
  const box = element.getBoundingClientRect();
  const left = box.left + element.clientLeft;
  const top = box.top + element.clientTop;
  return { left, top, right: left + element.clientWidth, bottom: top + element.clientHeight };
}

/**
 * The part of the chart in sight, in the chart's own pixels: on the screen, and inside every box around it
 * that clips what overflows it (the cohort heat map's sideways scroll on a phone).
 */
function chartRoomInSight(chart: Element): Box {
  const chartBox = chart.getBoundingClientRect();
  const clips: Box[] = [screenBox()];
  for (let ancestor = chart.parentElement; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
    const style = getComputedStyle(ancestor);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') clips.push(innerBox(ancestor));
  }
  const room = intersectBoxes({ left: chartBox.left, top: chartBox.top, right: chartBox.right, bottom: chartBox.bottom }, ...clips);
  const whole = { left: 0, top: 0, right: chartBox.width, bottom: chartBox.height };
  if (isEmptyBox(room)) return whole;
  return { left: room.left - chartBox.left, top: room.top - chartBox.top, right: room.right - chartBox.left, bottom: room.bottom - chartBox.top };
}

/**
 * ECharts' `tooltip.position` callback: the tooltip near the pointer, inside the part of the chart in sight.
 * Narrower than the tooltip, that part sets its width (the tooltip's box lies in the chart's, which may be
 * wider than the screen) and the words wrap again before it is placed.
 */
function positionInSight(point: [number, number], _parameters: unknown, tooltip: HTMLElement, _rect: unknown, size: { contentSize: [number, number] }): [number, number] {
  const chart = tooltip.parentElement;
  if (!chart) return point;
  const room = chartRoomInSight(chart);
  let [width, height] = size.contentSize;
  const roomWidth = Math.floor(room.right - room.left);
  if (width > roomWidth) {
    tooltip.style.maxWidth = `${roomWidth}px`;
    [width, height] = [tooltip.offsetWidth, tooltip.offsetHeight];
  }
  return placeTooltip(point, width, height, room);
}

/**
 * A chart's tooltip option with what keeps it readable on a phone: placed in sight (`position`), kept inside
 * the chart (`confine`, also where the position cannot be worked out) and its lines wrapped. A chart's own
 * settings win. `chart-tooltip` names the box for the styles and for tests.
 */
export function tooltipInSight<Tooltip extends object>(tooltip: Tooltip): Tooltip {
  return { confine: true, className: 'chart-tooltip', extraCssText: tooltipCss, position: positionInSight, ...tooltip };
}
