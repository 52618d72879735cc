// The Settings page: Claude (key, model), servers (form, list), import, and where the config lives.
import { useAppStore } from '../../store/storeContext.tsx';
import { ApiSettings } from './ApiSettings.tsx';
import { AppearanceSettings } from './AppearanceSettings.tsx';
import { ToolSearchSettings } from './ToolSearchSettings.tsx';
import { GrantsList } from './GrantsList.tsx';
import { ImportJson } from './ImportJson.tsx';
import { ImportFromApps } from '../install/ImportFromApps.tsx';
import { RegistryBrowser } from '../install/RegistryBrowser.tsx';
import { BundleDrop } from '../install/BundleDrop.tsx';
import { InstallFromLink } from '../install/InstallFromLink.tsx';
import { ServerSettingsList } from './ServerSettingsList.tsx';
import { RootsSettings } from './RootsSettings.tsx';
import { WebAccess } from './WebAccess.tsx';
import { SignInSettings } from './SignInSettings.tsx';
import { Prose } from '../../ui/Prose.tsx';

function ConfigNote() {
  const config = useAppStore((s) => s.settings.config);
  if (!config) return null;
  return (
    <section className="card card-quiet" aria-label="Configuration file">
      <p className="small muted">
        Servers are saved in <span className="mono">{config.path}</span>. Edits to that file apply while the app runs.
      </p>
      {config.fileError && (
        <p className="inline-error" role="alert">
          {config.fileError}
        </p>
      )}
      {config.issues.length > 0 && (
        <ul className="issue-list">
          {config.issues.map((i) => (
            <li key={i.path + i.message}>
              <code>{i.path}</code> <Prose text={i.message} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function SettingsPane() {
  return (
    <div className="pane-scroll">
      <div className="pane-inner settings">
        <h1 className="page-title">Settings</h1>
        <ApiSettings />
        <AppearanceSettings />
        <ToolSearchSettings />
        <ServerSettingsList />
        <RegistryBrowser />
        <InstallFromLink />
        <BundleDrop />
        <ImportFromApps />
        <ImportJson />
        <RootsSettings />
        <SignInSettings />
        <GrantsList />
        <WebAccess />
        <ConfigNote />
      </div>
    </div>
  );
}
