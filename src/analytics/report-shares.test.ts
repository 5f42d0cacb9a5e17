import { describe, expect, it } from 'vitest';
import { typesReportOf } from './reports.service.js';

const combination = (types: string[], customers: number, revenueLast365DaysMinor: number) => ({
  types, primaryType: types[0]!, customers, asOf: new Date('1998-07-01T04:00:00Z'), revenueLast365DaysMinor, revenueLifetimeMinor: revenueLast365DaysMinor,
});

describe('typesReportOf: shares as the API gives them', () => {
  it('gives each share unrounded, so the CLI and the web app round it once (62.546% is not 0.6255)', () => {
    // CDNOW's counts before lapsed waited for 180 quiet days: 14,742 lapsed and 3,029 loyal of 23,570
    const report = typesReportOf([
      combination(['lapsed'], 14_742, 51_504), combination(['loyal'], 3_029, 948_496), combination(['occasional'], 23_570 - 14_742 - 3_029, 0),
    ]);
    const share = (type: string) => report.types.find((row) => row.type === type)!;
    expect(share('lapsed').share).toBe(14_742 / 23_570);
    expect(share('loyal').share).toBe(3_029 / 23_570);
    expect(share('lapsed').revenueLast365DaysShare).toBe(51_504 / 1_000_000);
    expect(share('loyal').revenueLifetimeShare).toBe(948_496 / 1_000_000);
    expect(share('vip').revenueLifetimeShare).toBe(0);
  });

  it('gives no revenue share when there is no revenue, and a share of 0 without customers', () => {
    const report = typesReportOf([]);
    expect(report.types.every((row) => row.share === 0 && row.revenueLast365DaysShare === null)).toBe(true);
  });
});
