import dns from "node:dns";
import net, { BlockList } from "node:net";

/**
 * Where webhooks may go: public unicast addresses only, unless WEBHOOK_ALLOW_PRIVATE is on.
 * Checked when the admin registers an endpoint and again for the address actually connected to
 * (the request's DNS lookup goes through `guardedLookup`), so a name that later resolves to a
 * private address is not requested either.
 */
const PRIVATE = new BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) PRIVATE.addSubnet(prefix, bits, "ipv4");
for (const [prefix, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const) PRIVATE.addSubnet(prefix, bits, "ipv6");

/** Whether an IP address is private, loopback, link-local, reserved or multicast (IPv4-mapped IPv6 by its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = net.isIP(address);
  if (family === 4) return PRIVATE.check(address, "ipv4");
  if (family === 6) return PRIVATE.check(address, "ipv6");
  return true;
}

export type UrlProblem = "WEBHOOK_URL_INVALID" | "WEBHOOK_ADDRESS_NOT_ALLOWED";

/** An error for an address the admin did not allow (the delivery log shows ADDRESS_NOT_ALLOWED). */
export class AddressNotAllowed extends Error {
  readonly code = "ADDRESS_NOT_ALLOWED";
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** Registration: an http(s) URL without credentials, whose host (resolved now) is allowed. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<UrlProblem | null> {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !["http:", "https:"].includes(url.protocol) || url.username || url.password || !url.hostname) return "WEBHOOK_URL_INVALID";
  if (allowPrivate) return null;
  const host = hostOf(url);
  if (net.isIP(host)) return isPrivateAddress(host) ? "WEBHOOK_ADDRESS_NOT_ALLOWED" : null;
  if (host === "localhost" || host.endsWith(".localhost")) return "WEBHOOK_ADDRESS_NOT_ALLOWED";
  const addresses = await dns.promises.lookup(host, { all: true }).catch(() => []);
  // A name that does not resolve now is checked again when sending.
  return addresses.some((a) => isPrivateAddress(a.address)) ? "WEBHOOK_ADDRESS_NOT_ALLOWED" : null;
}

/** Sending: a literal IP host is checked here (Node connects to it without a lookup). */
export function checkLiteralHost(url: URL, allowPrivate: boolean): void {
  const host = hostOf(url);
  if (!allowPrivate && net.isIP(host) && isPrivateAddress(host)) throw new AddressNotAllowed();
}

/** A `lookup` for http.request that refuses every resolved address the admin did not allow. */
export function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      if (!allowPrivate && list.some((a) => isPrivateAddress(a.address))) return callback(new AddressNotAllowed(), "", 0);
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
