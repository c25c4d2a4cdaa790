/**
 * Sets environment variables of this process (and of every process it starts from now on) and
 * returns what puts them back as they were.
 */
export function overrideEnv(values: Record<string, string>): () => void {
  const before = Object.entries(values).map(([name]) => [name, process.env[name]] as const);
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of before) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
