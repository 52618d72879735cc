// The normalized, trusted description of one server that the rest of the core uses, and its connection hash.
import { createHash } from 'node:crypto';

export type ServerTransportDefinition =
  | { kind: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd?: string; sandbox?: SandboxPolicy | false; protocol?: ProtocolChoice }
  | { kind: 'http' | 'sse' | 'auto'; url: string; headers: Record<string, string>; oauth?: OAuthSettings; protocol?: ProtocolChoice };

/**
 * Which MCP protocol era a server is spoken to in (`"protocol"` in its entry). `auto` asks the server first
 * (`server/discover`) and falls back to `initialize`; a revision pins that era. Absent: `auto` for remote
 * servers, `2025-11-25` for local ones (see docs/ARCHITECTURE.md, "Protocol eras").
 */
export const PROTOCOL_CHOICES = ['auto', '2026-07-28', '2025-11-25'] as const;
export type ProtocolChoice = (typeof PROTOCOL_CHOICES)[number];

/**
 * What a local server may reach beyond the default sandbox (reads everywhere but where secrets live; writes
 * only to its own folder, its roots and its temp folder; no network). `false`: it runs unsandboxed.
 * Absent: the default policy. Paths are absolute or start with `~/`.
 */
export interface SandboxPolicy {
  /** Folders or files readable although the default hides them (e.g. `~/.aws` for an AWS server). */
  readable: string[];
  /** Folders or files writable beyond the defaults. */
  writable: string[];
  /** Domains it may connect to (`api.github.com`, `*.example.com`, `host:port`). */
  domains: string[];
}

/** The `oauth` block of a remote entry, normalized. The client secret stays in the secret store under `clientSecretRef`. */
export interface OAuthSettings {
  clientId?: string;
  clientSecretRef?: string;
  scopes?: string[];
  /** `enterprise`: SEP-990, through the organization's identity provider set in Settings (no browser). */
  grant: 'authorization_code' | 'client_credentials' | 'enterprise';
  /** `private_key_jwt`: the secret under `clientSecretRef` is a PKCS#8 PEM private key (RSA → RS256, EC P-256 → ES256). */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'none' | 'private_key_jwt';
  clientMetadataUrl?: string;
  /** RFC 9449 DPoP: ask for sender-constrained tokens and present them with a proof signed by this app's key. */
  dpop?: boolean;
}

export interface ServerDefinition {
  name: string;
  transport: ServerTransportDefinition;
  disabled: boolean;
  toolTimeoutSeconds?: number;
  disabledTools: string[];
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A stable hash of what needs a restart when it changes (the transport), not tool toggles or timeouts. */
export function connectionHash(def: ServerDefinition): string {
  return createHash('sha256')
    .update(JSON.stringify(stable(def.transport)))
    .digest('hex')
    .slice(0, 16);
}
