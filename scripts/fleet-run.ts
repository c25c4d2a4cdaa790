/** `npm run drift` and the CI jobs' `tsx scripts/fleet-run.ts plan|apply|drift STACK...` (src/review/fleet-run.ts). */
import { runMain } from "../src/review/fleet-cli";
import { main } from "../src/review/fleet-run";

runMain(main);
