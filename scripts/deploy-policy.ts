/** `npm run deploy-policy`: the least-privilege deploy and plan role policies of the selected stacks (src/deploy-policy/deploy-policy.ts). */
import { main } from "../src/deploy-policy/deploy-policy";
import { runMain } from "../src/review/fleet-cli";

runMain(main);
