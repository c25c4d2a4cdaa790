/** `npm run plan`: an offline plan review of the selected stacks (src/review/plan.ts). */
import { runMain } from "../src/review/fleet-cli";
import { main } from "../src/review/plan";

runMain(main);
