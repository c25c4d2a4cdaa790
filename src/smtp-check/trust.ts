import { createSecureContext, rootCertificates, SecureContext } from "node:tls";

const contexts = new Map<string, SecureContext>();

/**
 * The TLS context that trusts Node's public roots and also `ca` (--ca-file), made once per CA in
 * a process: making one parses every root certificate (about 20 ms of CPU), and a check connects
 * once per address of the host.
 */
export function trustingAlso(ca: string): SecureContext {
  let context = contexts.get(ca);
  if (context === undefined) {
    context = createSecureContext({ ca: [...rootCertificates, ca] });
    contexts.set(ca, context);
  }
  return context;
}
