// Text from an MCP server placed inside the tags of our system prompt. Escaping `<`, `>` and `&`
// (and `"` in attributes) means no server text can close its own wrapper or forge another one.

export function escapeTagText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeTagAttribute(text: string): string {
  return escapeTagText(text).replace(/"/g, '&quot;');
}
