// MCP resources: a server's resources and templates, and what reading one returns.
// Plain data that crosses the contract: everything here must survive JSON.stringify.

export interface ResourceView {
  server: string;
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  /** The person subscribed to updates of this resource. */
  subscribed: boolean;
}

export interface ResourceTemplateView {
  server: string;
  /** RFC 6570, e.g. `demo://resource/dynamic/text/{resourceId}`. Fill it with `resources.expandTemplate`. */
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** The template's variable names, in order: one input each (suggestions from `completions.complete`). */
  variables: string[];
}

export type ResourceContentView =
  | { kind: 'text'; uri: string; mimeType?: string; text: string; truncated?: { originalChars: number; keptChars: number } }
  /** `data` (base64) is present for images and small blobs, so the UI can preview them. */
  | { kind: 'blob'; uri: string; mimeType?: string; bytes: number; data?: string };

export interface ResourceReadView {
  server: string;
  uri: string;
  contents: ResourceContentView[];
}
