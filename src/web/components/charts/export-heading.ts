/** The lines written above a downloaded chart image: its title, and the day the report stands on when the card says one. */
export function exportHeadingLines(title: string, asOfText: string | null | undefined): string[] {
  const asOf = asOfText?.trim();
  return asOf ? [title, asOf] : [title];
}

/** Heights of the heading band in CSS pixels: a title line and a smaller line under it. */
export const headingLineHeights = [24, 18] as const;
const headingPadding = 12;

export function exportHeadingHeight(lines: readonly string[]): number {
  return lines.reduce((sum, _line, index) => sum + headingLineHeights[Math.min(index, 1)], headingPadding * 2);
}

/**
 * The chart's image with its heading above it, on white: a downloaded PNG says what it shows and as of which day.
 * `pixelRatio`: the one the chart's image was made at.
 */
export async function composeChartPng(chartUrl: string, lines: readonly string[], pixelRatio: number): Promise<string> {
  const image = new Image();
  image.src = chartUrl;
  await image.decode();
  const heading = exportHeadingHeight(lines) * pixelRatio;
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height + heading;
  const context = canvas.getContext('2d');
  if (!context) return chartUrl;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.textBaseline = 'top';
  let y = headingPadding * pixelRatio;
  lines.forEach((line, index) => {
    context.fillStyle = index === 0 ? '#1a1a1a' : '#555555';
    context.font = `${index === 0 ? 'bold 16px' : '13px'} system-ui, sans-serif`.replace(/\d+px/, (size) => `${parseInt(size, 10) * pixelRatio}px`);
    context.fillText(line, 12 * pixelRatio, y);
    y += headingLineHeights[Math.min(index, 1)] * pixelRatio;
  });
  context.drawImage(image, 0, heading);
  return canvas.toDataURL('image/png');
}
