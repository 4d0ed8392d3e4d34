import type { ThemeConfig } from 'antd';

/**
 * Ant Design's tokens, moved where its defaults fall short of WCAG 2.1 AA on white (4.5:1 for
 * text): secondary and description text, placeholders.
 */
export const THEME: ThemeConfig = {
  token: {
    // Controls in blue (6:1 on white), so a focused field never looks like an error; the brand red is the header's.
    colorPrimary: '#0958d9',
    // Hover and press darken (white text stays above 4.5:1), where Ant Design's defaults lighten.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorInfo: '#0958d9',
    colorSuccess: '#237804',
    colorWarning: '#ad6800',
    colorError: '#a8071a',
    // Alert backgrounds as Ant Design's defaults, not derived from the darker text colours above.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffa39e',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorText: 'rgba(0, 0, 0, 0.88)',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#737373',
    colorTextQuaternary: '#737373',
    fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", system-ui, sans-serif',
    borderRadius: 4,
  },
  components: {
    Layout: { headerBg: '#a8071a', headerColor: '#ffffff', headerPadding: '0 16px', headerHeight: 56 },
    Table: { headerColor: 'rgba(0, 0, 0, 0.88)' },
    // The header's menu: white on the brand red (7.6:1), the current page on a darker red.
    Menu: {
      darkItemBg: '#a8071a',
      darkPopupBg: '#a8071a',
      darkItemColor: '#ffffff',
      darkItemHoverColor: '#ffffff',
      darkItemHoverBg: '#820014',
      darkItemSelectedBg: '#5c0011',
      darkItemSelectedColor: '#ffffff',
    },
  },
};
