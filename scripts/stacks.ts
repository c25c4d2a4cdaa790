/** `npm run stacks`: the stacks in deploy waves, or a CI matrix with --json (src/review/stacks.ts). */
import { runMain } from "../src/review/fleet-cli";
import { main } from "../src/review/stacks";

runMain(main);
