import { AppError } from '../../core/errors.js';
import { cdnow } from './cdnow.js';
import { customerPersonality } from './customer-personality.js';
import { groceries } from './groceries.js';
import type { Preset } from './preset.js';
import { withPresetChannel } from './preset-channel.js';
import { shopeeOrders } from './shopee-orders.js';
import { shopifyOrders } from './shopify-orders.js';
import { tokopediaOrders } from './tokopedia-orders.js';
import { uciOnlineRetail } from './uci-online-retail.js';

export type { Preset, RecordValues, TransformResult } from './preset.js';

// each as the CLI and the web import apply it: a preset's channel read from a column of its own (withPresetChannel)
const presets: readonly Preset[] = [shopifyOrders, shopeeOrders, tokopediaOrders, uciOnlineRetail, cdnow, groceries, customerPersonality].map(withPresetChannel);

export function listPresets(): Array<Pick<Preset, 'name' | 'description' | 'entity'>> {
  return presets.map(({ name, description, entity }) => ({ name, description, entity }));
}

/** The sources presets import their files' ids under (online-retail, shopify…): each belongs to its preset's files only. */
export function listPresetSources(): string[] {
  return [...new Set(presets.flatMap((preset) => (preset.source ? [preset.source] : [])))];
}

export function findPreset(name: string): Preset {
  const preset = presets.find((candidate) => candidate.name === name.trim().toLowerCase());
  if (!preset) {
    throw new AppError('IMPORT_PRESET_NOT_FOUND', `There is no preset "${name}". Presets: ${presets.map((candidate) => candidate.name).join(', ')}.`, { field: 'preset' });
  }
  return preset;
}
