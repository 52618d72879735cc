// What happens after "Add server", in words that fit how the option runs: a remote is reached, a package runs, a bundle is reviewed.
import type { RegistryInstallOptionView } from '../../../app/api/index.ts';

export function installNote(kind: RegistryInstallOptionView['kind']): string {
  switch (kind) {
    case 'remote':
      return 'Switchboard connects to it only after you approve its URL.';
    case 'mcpb':
      return 'You review the bundle before anything is installed.';
    default:
      return 'It runs only after you approve its command.';
  }
}
