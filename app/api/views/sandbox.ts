// A local server's sandbox as the renderer sees it: its policy, whether it is enforced here, what it refused.

/** What a server may reach beyond the default sandbox; paths absolute or `~/…`. */
export interface SandboxPolicyView {
  readable: string[];
  writable: string[];
  domains: string[];
}

/** What "allow this" adds to the policy: a readable path, a writable folder or a domain. */
export interface SandboxAllowView {
  kind: 'read' | 'write' | 'domain';
  value: string;
}

/** One refusal, in words ("blocked reading ~/.ssh/id_rsa"). */
export interface SandboxBlockView {
  text: string;
  allow: SandboxAllowView;
}

/**
 * `sandboxed`: the OS enforces its policy. `off`: the person chose to run it unsandboxed.
 * `unavailable`: no sandbox here (the reason says why); it does not start until the person chooses.
 */
export type SandboxStatusView =
  | { kind: 'sandboxed'; blocked: SandboxBlockView[] }
  | { kind: 'off'; blocked: SandboxBlockView[] }
  | { kind: 'unavailable'; reason: string; blocked: SandboxBlockView[] };
