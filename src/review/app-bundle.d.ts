/** Synthesizes the app in this process (the environment names the output directory). */
export function runApp(): Promise<void>;
/** The commands {@link runCommand} runs: `scripts/<name>.ts`. */
export const COMMANDS: readonly string[];
/** Runs the command `scripts/<name>.ts` in this process, from its cached bundle. */
export function runCommand(name: string): Promise<void>;
/** A digest of the app's sources in the project at `projectRoot` (default: this one). */
export function sourcesDigest(projectRoot?: string): string;
