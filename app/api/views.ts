// Plain data that crosses the contract, one file per domain under views/. Everything there must
// survive JSON.stringify. This barrel keeps `app/api/views.ts` the one path importers use.
export type * from './views/servers.ts';
export type * from './views/sandbox.ts';
export type * from './views/tools.ts';
export type * from './views/approvals.ts';
export type * from './views/chat.ts';
export type * from './views/settings.ts';
export type * from './views/auth.ts';
export type * from './views/oauthSetup.ts';
export type * from './views/enterpriseIdp.ts';
export type * from './views/host.ts';
export type * from './views/apps.ts';
export type * from './views/protocol.ts';
export type * from './views/resources.ts';
export type * from './views/prompts.ts';
export type * from './views/sampling.ts';
export type * from './views/elicitation.ts';
