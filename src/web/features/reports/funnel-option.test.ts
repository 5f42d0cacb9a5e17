import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { LifecycleFunnel } from '../../api/analytics-types.js';
import { categoricalPalette } from '../../components/charts/palette.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { readableTable } from '../../components/charts/chart-table.js';
import { funnelBarLabel, funnelOption, funnelTable, horizonLines, untrackedNotes } from './funnel-option.js';

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

  // the same store with the figures within 90 days: 1,500 acquired at least 90 days ago, 146 since
  const judged: LifecycleFunnel = {
    ...funnel,
    stages: funnel.stages.map((stage) => ({
      ...stage,
      withinHorizon: stage.stage === 'activation' ? { observedCustomers: 1500, customers: 1020, conversion: 0.68, tooYoungCustomers: 146 }
        : stage.stage === 'retention' ? { observedCustomers: 0, customers: 0, conversion: null, tooYoungCustomers: 1200 } : null,
    })),
  };

  it('says each step\'s conversion within the horizon with the customers it counts, and "too early to tell" when none is old enough', () => {
    expect(horizonLines(judged, 90, t, format)).toEqual([
      'Activation within 90 days: 68% (1,020 of the 1,500 who reached the previous step at least 90 days ago; 146 who reached it since are not counted yet)',
      'Retention within 90 days: too early to tell (1,200 reached the previous step less than 90 days ago)',
    ]);
    // a server without these figures: nothing to say
    expect(horizonLines(funnel, 90, t, format)).toEqual([]);
  });

  it('puts the conversion within the horizon and its counts in the table, "too early to tell" where there is none yet', () => {
    const table = funnelTable(judged, t, 90);
    expect(table.header.slice(3)).toEqual(['Within 90 days', 'Judged: reached the previous step 90+ days ago', 'Too recent to judge']);
    expect(readableTable(table, format).rows).toEqual([
      ['Acquisition', '1,646', '', '', '', ''],
      ['Activation', '1,200', '72.9%', '68%', '1,500', '146'],
      ['Retention', '1,049', '87.4%', 'too early to tell', '0', '1,200'],
      ['Advocacy', '0', '', '', '', ''],
    ]);
  });
});
