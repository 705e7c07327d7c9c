import type { ThemeConfig } from 'antd';

// The stack lives in styles.css, per language: Han characters take Japanese or Korean shapes there.
const FONT_FAMILY = 'var(--steward-font)';

/**
 * Components take their styles from antd/dist/antd.css (imported by styles.css) instead of
 * writing them into the page at run time; only the theme's CSS variables are set at run time.
 * That file scopes its component variables to the class of antd's own build (`ANTD_CSS_VAR_KEY`,
 * checked against the file by a test), so the theme uses the same class.
 */
export const ANTD_CSS_VAR_KEY = 'css-var-_R_0_';
export const THEME: ThemeConfig = {
  zeroRuntime: true,
  hashed: false,
  cssVar: { key: ANTD_CSS_VAR_KEY },
  token: { fontFamily: FONT_FAMILY, colorPrimary: '#1f6f5c', borderRadius: 6 },
};
