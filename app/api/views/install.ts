// Plain DTOs of installing servers from elsewhere: other apps' config files and install links.
import type { ShownLaunchView } from './servers.ts';

export type ForeignApp = 'claude-desktop' | 'vscode' | 'cursor' | 'windsurf' | 'claude-code';

/** A value a VS Code entry asks for with `${input:id}`: asked from the person once, kept as a secret. */
export interface ImportInputView {
  id: string;
  description: string;
  password: boolean;
}

/** One server found in another app's file, as it would be added. */
export interface ImportCandidateView {
  name: string;
  transport: 'stdio' | 'http' | 'sse' | 'auto';
  /** What it would run or contact, as the launch dialog shows it; absent when it cannot be imported. */
  launch?: ShownLaunchView;
  /** `${input:id}` values it needs. */
  inputs: string[];
  /** A server with this name is already configured here: importing adds it under a new name. */
  exists: boolean;
  /** Why it cannot be imported, when it cannot. */
  problem?: string;
}

export interface ImportSourceView {
  /** The file's path: also what `install.importFound` takes. */
  path: string;
  app: ForeignApp;
  /** "Claude Desktop", "VS Code (workspace)", … */
  label: string;
  servers: ImportCandidateView[];
  inputs: ImportInputView[];
  /** The file exists but cannot be read as a whole. */
  error?: string;
}

export interface ImportDiscoveryView {
  sources: ImportSourceView[];
  /** First run: no servers yet and the offer was never shown. */
  offer: boolean;
}

export type InstallLinkShape = 'switchboard' | 'vscode' | 'cursor';

/** What an install link would add, shown before anything is written. */
export interface LinkReviewView {
  /** This review; approval names it. */
  id: string;
  shape: InstallLinkShape;
  name: string;
  transport: 'stdio' | 'http' | 'sse' | 'auto';
  /** Everything the approval covers, exactly as the launch dialog shows it (folder, env, headers, sign-in set-up). */
  launch: ShownLaunchView;
  /** Hash of the exact definition shown; approval must send it back unchanged. */
  fingerprint: string;
  /** A server with this name exists: the link adds it under a new name. */
  exists: boolean;
}

/** One value an install asks for: an env var, a header, an argument or a URL variable. */
export interface InstallFieldView {
  /** `env:NAME`, `header:NAME`, `arg:N` or `var:NAME`. */
  key: string;
  label: string;
  description?: string;
  required: boolean;
  /** Stored with the server's secrets, typed in a password box. */
  secret: boolean;
  default?: string;
  choices?: string[];
}

export type RegistryInstallKind = 'npm' | 'pypi' | 'oci' | 'mcpb' | 'remote';

/** One way to install a registry server: a package or a remote. */
export interface RegistryInstallOptionView {
  /** `package:N` or `remote:N`. */
  id: string;
  kind: RegistryInstallKind | 'unsupported';
  /** "npm @scope/pkg@1.2.0", "Remote (streamable-http) https://…". */
  label: string;
  /** What it will run, before values are filled in: `npx -y pkg@1.2.0`, or the URL. */
  preview: string;
  fields: InstallFieldView[];
  /** The runtime it needs is not on the PATH servers start with: why, and what to do. */
  missingRuntime?: string;
  /** Why it cannot be installed from here. */
  unsupported?: string;
}

export interface RegistryServerView {
  name: string;
  title?: string;
  description: string;
  version: string;
  status: 'active' | 'deprecated' | 'deleted';
  websiteUrl?: string;
  repositoryUrl?: string;
  /** Icon addresses as published; the page shows a placeholder (remote images are not loaded). */
  iconCount: number;
  options: RegistryInstallOptionView[];
}

export interface RegistryPageView {
  registryUrl: string;
  servers: RegistryServerView[];
  nextCursor?: string;
}

/** A .mcpb bundle unpacked and read, waiting for the person's values and approval. */
export interface BundleReviewView {
  id: string;
  /** The config name it installs as. */
  name: string;
  displayName: string;
  version: string;
  description: string;
  author: string;
  /** The command it will run, with `${__dirname}` resolved and `${user_config.*}` still to fill. */
  commandPreview: string;
  fields: InstallFieldView[];
  /** Why it cannot run here (platform, missing runtime); empty when it can. */
  problems: string[];
  /** An installed version of this bundle that installing replaces, and what changes. */
  replaces?: { version: string; changes: string[] };
}
