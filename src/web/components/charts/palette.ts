/**
 * Okabe–Ito colours (Okabe & Ito, "Color Universal Design", 2008): told apart
 * with every common colour-vision deficiency. Black is left out as it reads as text.
 */
export const categoricalPalette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'] as const;

/** A single-hue blue ramp for heatmaps: lightness alone carries the value, so it survives greyscale too. */
export const sequentialPalette = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;

export const alertColour = '#D55E00';
