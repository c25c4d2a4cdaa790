/** Prints every annotation of a cdktf manifest to stderr; returns whether any is an error. */
export function reportAnnotations(manifest: {
  stacks: Record<
    string,
    { annotations?: { level: string; constructPath: string; message: string }[] }
  >;
}): boolean;
