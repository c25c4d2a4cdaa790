import { forgetMotoLookup } from "./emulator/moto-runtime";

/** Removes what the run left for its workers: the emulator lookup's file. */
export default function globalTeardown(): void {
  forgetMotoLookup();
}
