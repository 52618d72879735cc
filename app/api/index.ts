export * from './contract.ts';
export * from './errors.ts';
export * from './views.ts';
export * from './installViews.ts';
