import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { LifecycleFunnel } from '../../api/analytics-types.js';
import { categoricalPalette } from '../../components/charts/palette.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { funnelBarLabel, funnelOption, untrackedNotes } from './funnel-option.js';

const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);
const format = createFormatters('en-GB', null, 'UTC');

// GET /api/reports/lifecycle on the demo store (the review's screenshot): advocacy is defined but fed by nothing yet
const funnel: LifecycleFunnel = {
  dimension: 'all', segment: 'all', medianDaysToActivation: 3, medianDaysToRetention: 40,
  stages: [
    { stage: 'acquisition', customers: 1646, conversionFromPrevious: null },
    { stage: 'activation', customers: 1200, conversionFromPrevious: 0.729 },
    { stage: 'retention', customers: 1049, conversionFromPrevious: 0.874 },
    { stage: 'advocacy', customers: 0, conversionFromPrevious: null },
  ],
};

/** The texts ECharts draws (server-side SVG), as a reader would see them. */
function drawnTexts(shown: LifecycleFunnel): string[] {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: 520, height: 240 });
  chart.setOption({ color: [...categoricalPalette], animation: false, ...funnelOption(shown, t, format) });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) => match[1].replace(/&#183;|&middot;/g, '·'));
}

describe('the lifecycle funnel', () => {
  it('labels each bar with its customers, acquisition too, and the conversion where there is one', () => {
    expect(funnel.stages.map((stage) => funnelBarLabel(stage, t, format))).toEqual(['1,646', '1,200 · 72.9%', '1,049 · 87.4%', 'not tracked yet']);
    expect(drawnTexts(funnel)).toEqual(expect.arrayContaining(['1,646', '1,200 · 72.9%', '1,049 · 87.4%', 'not tracked yet']));
  });

  it('explains an empty stage that is not tracked yet, and says nothing once it holds customers', () => {
    expect(untrackedNotes(funnel, t)).toEqual(['Advocacy is empty because it is not tracked yet: it counts customers who refer others or give a promoter score, and fills once referrals or promoter scores (NPS) are recorded.']);
    expect(funnelOption(funnel, t, format).tooltip.formatter([{ dataIndex: 3 }])).toBe('Advocacy: not tracked yet');
    const advocated = { ...funnel, stages: funnel.stages.map((stage) => (stage.stage === 'advocacy' ? { ...stage, customers: 12, conversionFromPrevious: 0.011 } : stage)) };
    expect(untrackedNotes(advocated, t)).toEqual([]);
    expect(funnelBarLabel(advocated.stages[3], t, format)).toBe('12 · 1.1%');
  });

  it('does not call an empty stage untracked when data feeds it', () => {
    const noRepeat = { ...funnel, stages: funnel.stages.map((stage) => (stage.stage === 'retention' ? { ...stage, customers: 0, conversionFromPrevious: 0 } : stage)) };
    expect(funnelBarLabel(noRepeat.stages[2], t, format)).toBe('0 · 0%');
    expect(untrackedNotes(noRepeat, t)).toHaveLength(1);
  });
});
