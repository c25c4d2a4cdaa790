/** The cdktf.json of the project at `root`. */
export function cdktfSettings(root: string): {
  app: string;
  output?: string;
  terraformModules?: (string | { source: string })[];
};
/** Where `cdktf synth` writes the project at `root`: cdktf.json's `output`, else cdktf.out. */
export function cdktfOutputDir(root: string): string;
