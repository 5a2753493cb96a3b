import { parseIpAddress, type IpAddress } from './ip-address.js';
import { compileIpAddressList, type IpAddressList } from './ip-address-list.js';
import {
  parseHeaderAddress,
  quoteRequestText,
  readHeaderValues,
  splitForwardedFor,
  type RequestHeaders,
} from './forwarded-header.js';

/** The headers a reverse proxy may carry the client address in. */
export const CLIENT_IP_HEADERS = ['X-Forwarded-For', 'X-Real-IP'] as const;

/** One of {@link CLIENT_IP_HEADERS}. */
export type ClientIpHeader = (typeof CLIENT_IP_HEADERS)[number];

/** The reverse proxy part of the plugin settings. */
export interface ReverseProxySettings {
  readonly enabled: boolean;
  /** Address entries (addresses, CIDR blocks, ranges) of the proxies whose header is believed. */
  readonly trustedProxies: readonly string[];
  readonly clientIpHeader: ClientIpHeader;
}

/** The parts of a request that the resolver reads. */
export interface ClientAddressRequest {
  /** Address of the connecting peer (the TCP socket). */
  readonly peerAddress: string;
  readonly headers: RequestHeaders;
}

/**
 * The outcome of resolving a request's client address. `address` is undefined when the request
 * must be refused, and `refusedReason` then gives the reason. `steps` explain each decision in order,
 * for TRACE log lines and the troubleshooting page.
 */
export interface ClientAddressResolution {
  readonly address: IpAddress | undefined;
  readonly refusedReason?: string;
  readonly steps: readonly string[];
}

/** Resolves client addresses with one set of reverse proxy settings. */
export interface ClientAddressResolver {
  readonly settings: ReverseProxySettings;
  readonly trustedProxies: IpAddressList;
  resolve(request: ClientAddressRequest): ClientAddressResolution;
}

// NOTE: a chosen bound, not a measured one. Real proxy chains have a few hops, so a longer walk
// means the header was padded, and the resolver stops instead of reading it to the end.
const MAX_FORWARDED_ELEMENTS_READ = 100;

/**
 * Creates a resolver for the given settings. The trusted proxy list is parsed once, here.
 *
 * @example
 * ```ts
 * const resolver = createClientAddressResolver({
 *   enabled: true, trustedProxies: ['127.0.0.1'], clientIpHeader: 'X-Forwarded-For',
 * });
 * const result = resolver.resolve({ peerAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } });
 * console.log(result.address?.text); // 203.0.113.7
 * ```
 */
export function createClientAddressResolver(settings: ReverseProxySettings): ClientAddressResolver {
  const trustedProxies = compileIpAddressList(settings.trustedProxies);
  return {
    settings,
    trustedProxies,
    resolve: (request) => resolveClientAddress(settings, trustedProxies, request),
  };
}

function resolveClientAddress(
  settings: ReverseProxySettings,
  trustedProxies: IpAddressList,
  request: ClientAddressRequest,
): ClientAddressResolution {
  const steps: string[] = [];
  const peer = parseIpAddress(request.peerAddress);
  if (!peer.ok) {
    const reason = `the peer address ${quoteRequestText(request.peerAddress)} cannot be parsed: ${peer.reason}`;
    return refuse(steps, reason);
  }
  const peerAddress = peer.address;

  if (!settings.enabled) {
    steps.push(`reverse proxy support is off: using the peer address ${peerAddress.text}`);
    return { address: peerAddress, steps };
  }
  for (const invalid of trustedProxies.invalidEntries) {
    steps.push(`stored trusted proxy reverseProxy.trustedProxies[${invalid.index}] ${quoteRequestText(invalid.text)} is invalid and ignored: ${invalid.message}`);
  }
  if (!trustedProxies.matcher.contains(peerAddress)) {
    steps.push(`peer ${peerAddress.text} is not a trusted proxy: using its address and ignoring ${settings.clientIpHeader}`);
    return { address: peerAddress, steps };
  }
  steps.push(`peer ${peerAddress.text} is a trusted proxy`);

  const values = readHeaderValues(request.headers, settings.clientIpHeader);
  if (settings.clientIpHeader === 'X-Real-IP') return readRealIp(values, peerAddress, steps);
  return readForwardedFor(values, peerAddress, trustedProxies, steps);
}

/*
 * Security: X-Forwarded-For is read from the right. Each proxy appends the address of the peer
 * it received the request from, so the rightmost elements were written by our own trusted
 * proxies. Everything to their left came with the request and may have been typed by the
 * client. Taking the leftmost element would let any client choose its address by sending
 * "X-Forwarded-For: <an allowed address>". Walking from the right and skipping only trusted
 * proxies stops at the first address that a trusted proxy saw connecting to it, which is the
 * only one the client cannot forge.
 */
function readForwardedFor(
  values: readonly string[],
  peerAddress: IpAddress,
  trustedProxies: IpAddressList,
  steps: string[],
): ClientAddressResolution {
  if (values.length === 0) {
    steps.push(`the request has no X-Forwarded-For header: using the peer address ${peerAddress.text}`);
    return { address: peerAddress, steps };
  }
  const elements = splitForwardedFor(values);
  let leftmostTrusted: IpAddress | undefined;

  for (let position = 1; position <= elements.length; position++) {
    if (position > MAX_FORWARDED_ELEMENTS_READ) {
      return refuse(steps, `X-Forwarded-For has more than ${MAX_FORWARDED_ELEMENTS_READ} trusted or empty elements`);
    }
    const element = elements[elements.length - position] ?? '';
    const label = `X-Forwarded-For element ${position} from the right`;
    if (element === '') {
      steps.push(`${label} is empty: skipping it`);
      continue;
    }
    const parsed = parseHeaderAddress(element);
    if (!parsed.ok) {
      return refuse(steps, `${label}, ${quoteRequestText(element)}, is not an address (${parsed.reason})`);
    }
    if (trustedProxies.matcher.contains(parsed.address)) {
      steps.push(`${label}, ${parsed.address.text}, is a trusted proxy: skipping it`);
      leftmostTrusted = parsed.address;
      continue;
    }
    steps.push(`${label}, ${parsed.address.text}, is not a trusted proxy: using it`);
    return { address: parsed.address, steps };
  }

  if (leftmostTrusted) {
    steps.push(`every X-Forwarded-For element is a trusted proxy: using the leftmost, ${leftmostTrusted.text}`);
    return { address: leftmostTrusted, steps };
  }
  steps.push(`the request has no X-Forwarded-For address: using the peer address ${peerAddress.text}`);
  return { address: peerAddress, steps };
}

function readRealIp(values: readonly string[], peerAddress: IpAddress, steps: string[]): ClientAddressResolution {
  const present = values.map((value) => value.trim()).filter((value) => value !== '');
  if (present.length === 0) {
    steps.push(`the request has no X-Real-IP address: using the peer address ${peerAddress.text}`);
    return { address: peerAddress, steps };
  }
  // A proxy sets X-Real-IP to one address, so several values mean that another party added one.
  if (present.length > 1 || present[0]!.includes(',')) {
    return refuse(steps, `X-Real-IP must contain one address but is ${quoteRequestText(present.join(', '))}`);
  }
  const value = present[0]!;
  const parsed = parseHeaderAddress(value);
  if (!parsed.ok) return refuse(steps, `X-Real-IP, ${quoteRequestText(value)}, is not an address (${parsed.reason})`);
  steps.push(`X-Real-IP is ${parsed.address.text}: using it`);
  return { address: parsed.address, steps };
}

function refuse(steps: string[], reason: string): ClientAddressResolution {
  steps.push(`${reason}: refusing the request`);
  return { address: undefined, refusedReason: reason, steps };
}
