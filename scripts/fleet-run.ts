/** `npm run drift` and the CI jobs' `node scripts/run-command.js fleet-run plan|apply|drift STACK...` (src/review/fleet-run.ts). */
import { runMain } from "../src/review/fleet-cli";
import { main } from "../src/review/fleet-run";

runMain(main);
