// How a secret looks wherever a person reads it, in the core and on the page: named, never silently replaced.
export function secretMask(name: string): string {
  return `\u2039secret ${name}\u203a`;
}
