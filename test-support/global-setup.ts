import { providerMirror } from "../scripts/offline-terraform";

/** Finds the provider mirror once, so every Jest worker inherits TF_PROVIDER_MIRROR. */
export default function globalSetup(): void {
  providerMirror();
}
