// A stable hash of a tool's definition, and a readable account of how a definition changed (a rug pull).
import { assertNever } from '../api/errors.ts';
import { canonicalHash, canonicalJson } from './canonicalJson.ts';

/** The parts of an MCP Tool that a person approves. The SDK's `Tool` is assignable to it. */
export interface ToolDefinition {
  name: string;
  title?: string | undefined;
  description?: string | undefined;
  inputSchema: unknown;
  outputSchema?: unknown;
  annotations?: { title?: string | undefined; readOnlyHint?: boolean | undefined; destructiveHint?: boolean | undefined; [key: string]: unknown } | undefined;
}

/** A plain copy of the approved parts of a tool, kept with a grant so a later change can be described. */
export type ToolSnapshot = ToolDefinition;

export function toolSnapshot(tool: ToolDefinition): ToolSnapshot {
  return JSON.parse(
    canonicalJson({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: tool.annotations,
    }),
  ) as ToolSnapshot;
}

/** sha256 (hex) of the canonical JSON of the tool's name, title, description, schemas and annotations. */
export function toolFingerprint(tool: ToolDefinition): string {
  return canonicalHash(toolSnapshot(tool));
}

export type ToolChangeItem =
  | { kind: 'name'; before: string; after: string }
  | { kind: 'title'; before: string; after: string }
  | { kind: 'description'; before: string; after: string }
  | { kind: 'input-schema'; addedParameters: string[]; removedParameters: string[] }
  | { kind: 'output-schema' }
  | { kind: 'annotations'; before: string; after: string };

export interface ToolChange {
  items: ToolChangeItem[];
  /** One paragraph for a person, with the old and new texts in full (a poisoned text must be seen whole). */
  summary: string;
}

function properties(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const props = (schema as { properties?: unknown }).properties;
  return props && typeof props === 'object' ? Object.keys(props) : [];
}

function itemText(item: ToolChangeItem): string {
  switch (item.kind) {
    case 'name':
      return `Its name changed from "${item.before}" to "${item.after}".`;
    case 'title':
      return `Its title changed from "${item.before}" to "${item.after}".`;
    case 'description':
      return `Its description changed.\n  Before: ${item.before || '(none)'}\n  Now: ${item.after || '(none)'}`;
    case 'input-schema': {
      const parts = [
        ...(item.addedParameters.length ? [`added ${item.addedParameters.map((p) => `"${p}"`).join(', ')}`] : []),
        ...(item.removedParameters.length ? [`removed ${item.removedParameters.map((p) => `"${p}"`).join(', ')}`] : []),
      ];
      return `Its input parameters changed${parts.length ? ` (${parts.join('; ')})` : ''}.`;
    }
    case 'output-schema':
      return 'Its output schema changed.';
    case 'annotations':
      return `Its hints changed from ${item.before} to ${item.after}.`;
    default:
      return assertNever(item);
  }
}

/** What differs between the definition a person approved and the one the server offers now. */
export function describeToolChange(before: ToolDefinition, after: ToolDefinition): ToolChange {
  const a = toolSnapshot(before);
  const b = toolSnapshot(after);
  const items: ToolChangeItem[] = [];
  if (a.name !== b.name) items.push({ kind: 'name', before: a.name, after: b.name });
  if ((a.title ?? '') !== (b.title ?? '')) items.push({ kind: 'title', before: a.title ?? '', after: b.title ?? '' });
  if ((a.description ?? '') !== (b.description ?? '')) {
    items.push({ kind: 'description', before: a.description ?? '', after: b.description ?? '' });
  }
  if (canonicalJson(a.inputSchema) !== canonicalJson(b.inputSchema)) {
    const was = properties(a.inputSchema);
    const now = properties(b.inputSchema);
    items.push({
      kind: 'input-schema',
      addedParameters: now.filter((p) => !was.includes(p)),
      removedParameters: was.filter((p) => !now.includes(p)),
    });
  }
  if (canonicalJson(a.outputSchema) !== canonicalJson(b.outputSchema)) items.push({ kind: 'output-schema' });
  if (canonicalJson(a.annotations ?? {}) !== canonicalJson(b.annotations ?? {})) {
    items.push({ kind: 'annotations', before: canonicalJson(a.annotations ?? {}), after: canonicalJson(b.annotations ?? {}) });
  }
  const head = `The tool "${b.name}" changed since you chose to always allow it, so that permission was removed`;
  return { items, summary: [`${head}.`, ...items.map((item) => `- ${itemText(item)}`)].join('\n') };
}
