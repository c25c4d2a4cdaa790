import { connect, Socket } from "node:net";
import { classifyAddress } from "./dns-step";
import { CheckedService, servicePorts } from "./checked-service";
import {
  codeAndMessage,
  combineEndpoints,
  EndpointOutcome,
  failed,
  formatLimit,
  PartialFailure,
  passed,
  StepOutcome,
  TimeoutError,
} from "./step-result";

export interface TcpEndpoint {
  /** IP address to connect to (from the DNS step). @default none (required) */
  readonly address: string;
  /** TCP port. @default none (required) */
  readonly port: number;
}

/**
 * Starts a TCP connection: the seam that tests replace (for example with one that never connects).
 */
export type Connector = (endpoint: TcpEndpoint) => Socket;

export const netConnector: Connector = ({ address, port }) => connect({ host: address, port });

/** Resolves with the connected socket, or rejects after `timeoutMs` (code ETIMEDOUT). */
export function openSocket(
  connector: Connector,
  endpoint: TcpEndpoint,
  timeoutMs: number,
): Promise<Socket> {
  const socket = connector(endpoint);
  return new Promise<Socket>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.off("connect", onConnect);
      socket.off("error", done);
      if (!error) return resolve(socket);
      socket.destroy();
      reject(error);
    };
    const onConnect = () => done();
    const timer = setTimeout(() => done(new TimeoutError("ETIMEDOUT", timeoutMs)), timeoutMs);
    socket.once("connect", onConnect);
    socket.once("error", done);
  });
}

function timeoutCause(endpoint: TcpEndpoint): { cause: string; fix: string } {
  const { address, port } = endpoint;
  const kind = classifyAddress(address);
  const port25 =
    port === 25 ? "; EC2 also throttles outbound port 25 unless AWS lifted the limit: try 587" : "";
  if (kind === "public") {
    return {
      cause: `nothing answered: this machine has no path to the public endpoint (a private subnet without a NAT gateway), or an outbound security group or network ACL drops TCP ${port}${port25}`,
      fix: "route through a NAT gateway, or use the shared VPC endpoint (its private hosted zone must answer the DNS step)",
    };
  }
  if (kind === "loopback") {
    return {
      cause: `nothing answered on ${address}:${port}: the local tunnel or relay is not accepting connections`,
      fix: "start the tunnel or relay, or check --port",
    };
  }
  return {
    cause: `nothing answered, so the packets are dropped on the way: the endpoint's security group has no inbound rule for TCP ${port} from this VPC, or the route tables between this VPC and the endpoint's VPC (peering, transit gateway) lack a route, or a network ACL drops it${port25}`,
    fix: `allow inbound TCP ${port} from this VPC's CIDR on the endpoint's security group (in this project: list the VPC's CIDR and port ${port} for the shared endpoint, then deploy); check the route tables of both VPCs for the other's CIDR, and the NACLs both ways`,
  };
}

const ofKind =
  (kind: string) =>
  (detail: string, cause: string, fix: string): StepOutcome => ({
    ...failed(detail, cause, fix),
    kind,
  });
const refused = ofKind("refused");
const unreachable = ofKind("unreachable");
const otherError = ofKind("error");

/** Why the connect failed, from the error's code; `kind` tells a refusal from a drop. */
export function diagnoseConnectError(
  error: unknown,
  endpoint: TcpEndpoint,
  timeoutMs: number,
  service: CheckedService,
): StepOutcome {
  const { code, message } = codeAndMessage(error);
  const target = `${endpoint.address}:${endpoint.port}`;
  if (code === "ETIMEDOUT") {
    const { cause, fix } = timeoutCause(endpoint);
    const detail = `no answer from ${target} within ${formatLimit(timeoutMs)}`;
    return { ...failed(detail, cause, fix), kind: "dropped" };
  }
  if (code === "ECONNREFUSED") {
    return refused(
      `${target} refused the connection`,
      `the address answered but nothing listens on port ${endpoint.port} there: the port is wrong, or the address is not the SES endpoint's`,
      `use ${servicePorts(service)}, and check that the name resolves to the endpoint's addresses`,
    );
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return unreachable(
      `no route to ${target} (${code})`,
      "this subnet's route table has no route to the endpoint's network",
      "add a route to the endpoint VPC's CIDR (peering connection or transit gateway) in this subnet's route table",
    );
  }
  return otherError(
    `cannot connect to ${target}: ${code || message}`,
    "the operating system refused to open the connection",
    "check the address and the local firewall",
  );
}

export interface TcpResult {
  readonly outcome: StepOutcome;
  readonly socket?: Socket;
}

const addressOf = (endpoint: string) => endpoint.slice(0, endpoint.lastIndexOf(":"));

/**
 * Some interfaces of one endpoint answer and others do not: the difference is per subnet. Only
 * for packets that are dropped or not routed: a refusal keeps its own cause (nothing listens).
 */
const SOME_UNREACHABLE: PartialFailure = {
  kinds: ["dropped", "unreachable"],
  cause: (failing) =>
    `one endpoint's interfaces share its security group, yet ${failing.join(", ")} did not connect while the others did: the difference is per subnet: that subnet's network ACL, a route table without a route to that subnet, or an Availability Zone this VPC (or its transit gateway attachment) does not reach; clients use each address in turn, so some of their connections fail`,
  fix: (failing) =>
    `find the subnet with \`aws ec2 describe-network-interfaces --filters Name=addresses.private-ip-address,Values=${failing.map(addressOf).join(",")}\`, then allow the port inbound and ports 1024-65535 outbound in its network ACL, and route its CIDR from this VPC (with a transit gateway: attach it in that Availability Zone)`,
};

export interface TcpAllResult {
  readonly outcome: StepOutcome;
  /** The connected sockets, in the order of the endpoints. */
  readonly connected: readonly { readonly endpoint: TcpEndpoint; readonly socket: Socket }[];
}

/** TCP step: connects to every address at once, each within the same limit. */
export async function checkTcpAll(
  connector: Connector,
  endpoints: readonly TcpEndpoint[],
  timeoutMs: number,
  service: CheckedService,
): Promise<TcpAllResult> {
  const results = await Promise.all(
    endpoints.map((e) => checkTcp(connector, e, timeoutMs, service)),
  );
  const outcomes: EndpointOutcome[] = results.map((r, i) => ({
    endpoint: `${endpoints[i].address}:${endpoints[i].port}`,
    outcome: r.outcome,
  }));
  const connected = results.flatMap((r, i) =>
    r.socket ? [{ endpoint: endpoints[i], socket: r.socket }] : [],
  );
  return { outcome: combineEndpoints(outcomes, SOME_UNREACHABLE), connected };
}

/** Connects to one address within the limit (not the system's 2-minute retry). */
export async function checkTcp(
  connector: Connector,
  endpoint: TcpEndpoint,
  timeoutMs: number,
  service: CheckedService,
): Promise<TcpResult> {
  try {
    const socket = await openSocket(connector, endpoint, timeoutMs);
    socket.on("error", () => undefined); // until the SMTP client adds its own listener
    const from = socket.localAddress ? ` from ${socket.localAddress}:${socket.localPort}` : "";
    return {
      outcome: passed(`connected to ${endpoint.address}:${endpoint.port}${from}`),
      socket,
    };
  } catch (error) {
    return { outcome: diagnoseConnectError(error, endpoint, timeoutMs, service) };
  }
}
