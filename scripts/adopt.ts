/** `npm run adopt`: finds what already exists and prints or writes the `adopt` sections (src/adopt/adopt.ts). */
import { main } from "../src/adopt/adopt";
import { runMain } from "../src/review/fleet-cli";

runMain(main);
