// The install DTOs live in views/install.ts; this path stays so its importers need not change.
export type * from './views/install.ts';
