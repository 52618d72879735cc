// Switchboard's look, handed to apps as the MCP Apps style variables (`hostContext.styles`): an app that
// applies them (ext-apps' `applyHostStyleVariables`) draws with the host's colours, fonts and corners, in
// the theme the host shows. Each value is read from the stylesheet's own tokens (styles/app.css) as they
// stand, so a theme change sends the new values with the new `theme`.
import type { McpUiHostStyles, McpUiStyleVariableKey, McpUiStyles } from '@modelcontextprotocol/ext-apps/app-bridge';

/** Each variable the spec defines that the host has a token for, and that token. */
const FROM_TOKEN: Partial<Record<McpUiStyleVariableKey, string>> = {
  '--color-background-primary': '--panel',
  '--color-background-secondary': '--bg',
  '--color-background-tertiary': '--sidebar',
  '--color-background-inverse': '--text',
  '--color-background-ghost': '--hover',
  '--color-background-info': '--run-bg',
  '--color-background-danger': '--bad-bg',
  '--color-background-success': '--ok-bg',
  '--color-background-warning': '--warn-bg',
  '--color-background-disabled': '--off-bg',
  '--color-text-primary': '--text',
  '--color-text-secondary': '--muted',
  '--color-text-tertiary': '--faint',
  '--color-text-inverse': '--panel',
  '--color-text-ghost': '--faint',
  '--color-text-info': '--run',
  '--color-text-danger': '--bad',
  '--color-text-success': '--ok',
  '--color-text-warning': '--warn',
  '--color-text-disabled': '--off',
  '--color-border-primary': '--border-strong',
  '--color-border-secondary': '--border',
  '--color-border-tertiary': '--border',
  '--color-border-inverse': '--text',
  '--color-border-ghost': '--hover',
  '--color-border-info': '--run',
  '--color-border-danger': '--bad',
  '--color-border-success': '--ok',
  '--color-border-warning': '--warn',
  '--color-border-disabled': '--off-bg',
  '--color-ring-primary': '--focus',
  '--color-ring-secondary': '--border-strong',
  '--color-ring-inverse': '--panel',
  '--color-ring-info': '--run',
  '--color-ring-danger': '--bad',
  '--color-ring-success': '--ok',
  '--color-ring-warning': '--warn',
  '--font-sans': '--font',
  '--font-mono': '--mono',
  '--border-radius-md': '--radius-sm',
  '--border-radius-lg': '--radius',
  '--shadow-md': '--shadow',
};

/** The rest of the scale, as the stylesheet uses it (body text is 14 px at 1.5). */
const FIXED: Partial<McpUiStyles> = {
  '--font-weight-normal': '400',
  '--font-weight-medium': '500',
  '--font-weight-semibold': '600',
  '--font-weight-bold': '700',
  '--font-text-xs-size': '11.5px',
  '--font-text-sm-size': '12.5px',
  '--font-text-md-size': '14px',
  '--font-text-lg-size': '16px',
  '--font-text-xs-line-height': '1.4',
  '--font-text-sm-line-height': '1.45',
  '--font-text-md-line-height': '1.5',
  '--font-text-lg-line-height': '1.5',
  '--border-radius-xs': '4px',
  '--border-radius-sm': '5px',
  '--border-radius-xl': '14px',
  '--border-radius-full': '9999px',
  '--border-width-regular': '1px',
};

/** The variables as the page's tokens stand now (any subset is allowed by the spec; ours is most of it). */
export function hostStyles(root: Element = document.documentElement): McpUiHostStyles {
  const tokens = getComputedStyle(root);
  const variables: Partial<McpUiStyles> = { ...FIXED };
  for (const [key, token] of Object.entries(FROM_TOKEN) as [McpUiStyleVariableKey, string][]) {
    const value = tokens.getPropertyValue(token).trim();
    if (value) variables[key] = value;
  }
  // The spec's type lists every key; its schema and its text let a host send any subset.
  return { variables: variables as McpUiStyles };
}
