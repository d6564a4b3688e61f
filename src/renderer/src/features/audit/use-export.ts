import { useCallback } from 'react';
import type { ExportResult } from '../../../../shared/api/app';
import { useNotify } from '../../state/notices';

/** Runs an export and tells the user where it went; in the browser shell it starts the download. */
export function useExport(): (what: string, run: () => Promise<ExportResult>) => Promise<void> {
  const notify = useNotify();
  return useCallback(
    async (what, run) => {
      try {
        const result = await run();
        if (result.kind === 'download') {
          const link = document.createElement('a');
          link.href = result.url;
          link.download = '';
          link.click();
          notify({ level: 'success', title: `Exporting the ${what}`, body: 'Your browser is downloading the file.' });
        } else if (result.kind === 'saved') {
          notify({ level: 'success', title: `Exported the ${what}`, body: `Saved to ${result.location}` });
        }
      } catch (error) {
        notify({ level: 'error', title: `Could not export the ${what}`, error });
      }
    },
    [notify],
  );
}
