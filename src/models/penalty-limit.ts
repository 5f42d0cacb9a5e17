/**
 * The largest L2 penalty a fit takes (`--penalty`, 0 to this): the CLI's and the API's limit, and a refused
 * fit's advice never suggests more (fit-refusals.ts). A module of its own so the CLI can state it without
 * loading the models.
 */
export const largestPenalty = 100;
