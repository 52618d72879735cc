// MCP elicitation: a server asking the person for input, by form or by URL.
// Plain data that crosses the contract: everything here must survive JSON.stringify.

export type ElicitationView =
  | {
      id: string;
      server: string;
      requestedAt: number;
      mode: 'form';
      message: string;
      /** The server's flat JSON Schema (string/number/integer/boolean/enum properties). */
      requestedSchema: unknown;
      /** The schema's defaults (SEP-1034): prefill the form with these. */
      defaults: Record<string, unknown>;
    }
  | {
      id: string;
      server: string;
      requestedAt: number;
      mode: 'url';
      message: string;
      /** The full URL, never fetched by the core: open it only if the person consents. */
      url: string;
      /** The URL's host, to show prominently. */
      host: string;
      elicitationId: string;
    };

export type ElicitationAction = 'accept' | 'decline' | 'cancel';
