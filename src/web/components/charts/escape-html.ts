/** ECharts tooltips are HTML: names that come from data (a customer's, a category's) must not become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character] ?? character);
}
