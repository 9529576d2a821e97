import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Budget for the recorder page's JavaScript, gzip bytes (issue 3: aim for 60 KB or less). */
export const RECORDER_JS_BUDGET_BYTES = 60 * 1024;

// Prints the gzip size of every JS chunk, and the total the recorder page loads, after each build.
export function sizeReport(): Plugin {
  return {
    name: 'emovox-size-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      let total = 0;
      const rows: string[] = [];
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const gzip = gzipSync(file.code, { level: 9 }).length;
        // Lazy chunks (supervisor pages, later) are not loaded by the recorder page.
        if (file.isEntry || !file.isDynamicEntry) total += gzip;
        rows.push(`  ${file.fileName.padEnd(40)} ${(gzip / 1024).toFixed(1).padStart(6)} KB gzip`);
      }
      const verdict = total <= RECORDER_JS_BUDGET_BYTES ? 'within' : 'OVER';
      console.warn(
        [`emovox bundle size:`, ...rows, `  recorder page JS total: ${(total / 1024).toFixed(1)} KB gzip (${verdict} the ${RECORDER_JS_BUDGET_BYTES / 1024} KB budget)`].join('\n'),
      );
    },
  };
}
