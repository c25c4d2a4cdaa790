/** Synthesizes the app in this process (the environment names the output directory). */
export function runApp(): Promise<void>;
/** A digest of the app's sources in the project at `projectRoot` (default: this one). */
export function sourcesDigest(projectRoot?: string): string;
