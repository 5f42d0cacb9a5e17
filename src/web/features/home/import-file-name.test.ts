import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ImportFileName } from './import-file-name.js';

describe('a recent import\'s file, as the home page shows it', () => {
  it('shows the file\'s own name, and the server path it was read from nowhere, not even in a tooltip', () => {
    const html = renderToStaticMarkup(createElement(ImportFileName, { fileName: '/tmp/clientele-demo-1TTjXk/events.csv' }));
    expect(html).toBe('<span class="import-file-name">events.csv</span>');
    expect(renderToStaticMarkup(createElement(ImportFileName, { fileName: 'C:\\exports\\orders.csv' }))).not.toContain('exports');
    expect(renderToStaticMarkup(createElement(ImportFileName, { fileName: null }))).toBe('—');
  });
});
