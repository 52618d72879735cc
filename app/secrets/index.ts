// Everything about secrets, and the one door other folders ask through (tests/architecture holds them to it):
// - what counts as one: env and header names (`envNames.ts`), values a source marked (`installSecrets.ts`);
// - where each lives: the API key and server-entry secrets in a SecretStore (`secretStore.ts`: the 0600
//   `secrets.json` in web mode, `fileSecretStore.ts`; Electron's safeStorage on the desktop, implemented in
//   main/electron), OAuth tokens, registrations and client secrets in `authSecrets.ts` (`oauth.secrets.json`,
//   encrypted as `oauth.secrets.safe` on the desktop);
// - the `${secret:id}` references in config.json and the command or origin each is bound to (`serverSecrets.ts`,
//   `secretBinding.ts`, `secretEdits.ts`);
// - what the redactor knows and masks everywhere a value could leave the core (`redaction.ts`).
export { FileAuthSecrets, secretKeys, type AuthSecrets, type SecretCodec } from './authSecrets.ts';
export { isLauncherEnv, isSecretEnv, isSecretName } from './envNames.ts';
export { FileSecretStore } from './fileSecretStore.ts';
export { SecretMarks, type PlaceSecret, type SecretToPlace } from './installSecrets.ts';
export { API_KEY_MASK, MIN_SECRET_LENGTH, Redactor, redactingLogger, redactStrings, secretsOfServer, type NamedSecret } from './redaction.ts';
export { secretBinding, type BindableTransport } from './secretBinding.ts';
export {
  inlineSecretNames,
  moveEntrySecrets,
  moveImportedSecrets,
  storeFormSecrets,
  writeMovedSecrets,
  type ExternalEntry,
  type FormEdit,
  type MovedSecrets,
  type MovedValue,
} from './secretEdits.ts';
export { isSecretFile, SECRET_FILE_MODE, SECRET_FILES } from './secretFiles.ts';
export type { SecretStore } from './secretStore.ts';
export { isSecretReference, secretReference, ServerSecrets } from './serverSecrets.ts';
