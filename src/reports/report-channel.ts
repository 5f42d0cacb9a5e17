import { z } from 'zod';
import { spellingInList } from '../core/closed-list.js';
import type { OrderChannel } from '../db/schema.js';
// the list from its own module, as customers' query schema reads it: the rest of segments is not needed here
import { orderChannels } from '../segments/filter-values.js';

export { orderChannels };

/** The order channel a report is narrowed to, as the list spells it (any letter case), or null when the text names none. */
export function channelNamed(text: string): OrderChannel | null {
  return spellingInList(orderChannels, text.trim());
}

/** Why a text is refused as a channel: it could only ever report nothing, which would read as a collapse. */
export function unknownChannelMessage(text: string): string {
  return `"${text}" is not an order channel. Use one of: ${orderChannels.join(', ')}`;
}

/** The `channel` query parameter of a report: one order channel, in any letter case; absent or blank for all of them. */
export const channelQuerySchema = z.string().trim().max(60).optional().transform((text, context): OrderChannel | undefined => {
  if (!text) return undefined;
  const channel = channelNamed(text);
  if (channel !== null) return channel;
  context.addIssue({ code: 'custom', message: unknownChannelMessage(text) });
  return z.NEVER;
}).describe(`Only the orders of this channel: one of ${orderChannels.join(', ')}, in any letter case; all channels when absent`);
