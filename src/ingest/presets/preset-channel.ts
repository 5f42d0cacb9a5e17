import type { OrderChannel } from '../../db/schema.js';
import { presetMappingOf, type Preset } from './preset.js';

/** The channels an order is stored with (db/schema.ts), as `--channel` and a preset's `channel` take them. */
export const orderChannelNames = ['store', 'web', 'mobile', 'marketplace', 'phone', 'other'] as const satisfies readonly OrderChannel[];

// A compile error here: the store has a channel the list lacks, which --channel would refuse; add it.
type Unlisted = Exclude<OrderChannel, (typeof orderChannelNames)[number]>;
const listsEveryChannel: [Unlisted] extends [never] ? true : never = true;

/** The channel `value` names (any case, spaces around), or null when it names none of orderChannelNames. */
export function readOrderChannel(value: string): OrderChannel | null {
  const key = value.trim().toLowerCase();
  return orderChannelNames.find((channel) => channel === key) ?? null;
}

// The added column a preset's channel is written to; Shopify's and UCI's transforms write theirs to the same name.
const channelColumn = '=channel';

/**
 * The preset reading its `channel` from a column it adds to every row, or the preset itself when it
 * states none. A default the row parser applied would reach only the CLI: the web import applies a
 * preset's mapping and transform in the browser and sends the rows as records. Applying it twice
 * changes nothing.
 */
export function withPresetChannel(preset: Preset): Preset {
  const { channel } = preset;
  if (channel === undefined) return preset;
  const addedColumns = preset.addedColumns ?? [];
  return {
    ...preset,
    mapping: (headers) => ({ ...presetMappingOf(preset, headers), channel: channelColumn }),
    addedColumns: addedColumns.includes(channelColumn) ? addedColumns : [...addedColumns, channelColumn],
    createTransform() {
      const transform = preset.createTransform?.() ?? null;
      return (values, line) => {
        const result = transform ? transform(values, line) : { values };
        return 'reject' in result ? result : { values: { ...result.values, [channelColumn]: channel } };
      };
    },
  };
}
