import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ANTD_CSS_VAR_KEY } from './theme';

const antdCss = readFileSync(createRequire(import.meta.url).resolve('antd/dist/antd.css'), 'utf8');

describe('the static Ant Design styles', () => {
  // An antd upgrade that builds antd.css under another class would leave every component
  // without its variables (unstyled buttons, tables without padding): fail here instead.
  it('scope their component variables to the class the theme uses', () => {
    for (const component of ['btn', 'table-css-var', 'form-css-var', 'input', 'menu-css-var', 'modal-css-var']) {
      expect(antdCss).toContain(`.${ANTD_CSS_VAR_KEY}.ant-${component}{`);
    }
  });

  it('are imported in a layer, under the theme and the app styles', () => {
    const styles = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
    expect(styles).toMatch(/^@import 'antd\/dist\/antd\.css' layer\(antd\);$/m);
  });
});
