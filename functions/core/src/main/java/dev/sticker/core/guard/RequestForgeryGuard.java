package dev.sticker.core.guard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one check every outbound URL (image fetch, webhook, redirect hop) passes before we connect: only http and
 * https, and every address the host resolves to must be public. Refused: loopback, private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), link-local (169.254/16 with the cloud metadata service, fe80::/10), multicast, unspecified,
 * "this network" 0/8, carrier-grade NAT 100.64/10, the reserved and benchmark ranges, and IPv6 forms that embed such
 * an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16).
 *
 * <p>The allowlist (host or host:port entries) lets a local deployment reach its own servers on loopback.
 */
public final class RequestForgeryGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RequestForgeryGuard.class);

    /** Resolves a host name to all its addresses; replaceable so tests can make names resolve to anything. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowlist;
    private final HostResolver resolver;

    public RequestForgeryGuard(List<String> allowlist) {
        this(allowlist, InetAddress::getAllByName);
    }

    public RequestForgeryGuard(List<String> allowlist, HostResolver resolver) {
        this.allowlist = allowlist.stream().map(entry -> entry.strip().toLowerCase(Locale.ROOT))
                .filter(entry -> !entry.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    public GuardVerdict check(String url) {
        try {
            return check(new URI(url));
        } catch (java.net.URISyntaxException e) {
            return new GuardVerdict.Refused("is not a valid URL");
        }
    }

    public GuardVerdict check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new GuardVerdict.Refused("must use http or https");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return new GuardVerdict.Refused("has no host");
        }
        if (uri.getRawUserInfo() != null) {
            return new GuardVerdict.Refused("must not carry credentials");
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException e) {
            return new GuardVerdict.Refused("has a host that does not resolve");
        }
        if (addresses.length == 0) {
            return new GuardVerdict.Refused("has a host that does not resolve");
        }
        if (isAllowlisted(bareHost, port)) {
            return new GuardVerdict.Allowed(uri, Arrays.asList(addresses));
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = nonPublicKind(address);
            if (kind.isPresent()) {
                LOG.info("refused outbound URL host={} address={} kind={}", bareHost, address.getHostAddress(),
                        kind.get());
                return new GuardVerdict.Refused("points to a " + kind.get() + " address");
            }
        }
        return new GuardVerdict.Allowed(uri, Arrays.asList(addresses));
    }

    private boolean isAllowlisted(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        return allowlist.contains(name) || allowlist.contains(name + ":" + port)
                || allowlist.contains("[" + name + "]:" + port);
    }

    /** What kind of non-public address this is, or empty when it is a public unicast address. */
    public static Optional<String> nonPublicKind(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4Kind(bytes);
        }
        if (address instanceof Inet6Address) {
            return ipv6Kind(bytes);
        }
        return Optional.of("unknown");
    }

    private static Optional<String> ipv4Kind(byte[] b) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        int a2 = b[2] & 0xFF;
        if (a0 == 0 && a1 == 0 && a2 == 0 && b[3] == 0) {
            return Optional.of("unspecified");
        }
        if (a0 == 0) {
            return Optional.of("reserved");
        }
        if (a0 == 127) {
            return Optional.of("loopback");
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return Optional.of("private");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("link-local");
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return Optional.of("shared (carrier-grade NAT)");
        }
        if (a0 >= 224 && a0 <= 239) {
            return Optional.of("multicast");
        }
        if (a0 >= 240 || (a0 == 192 && a1 == 0 && a2 == 0) || (a0 == 198 && (a1 == 18 || a1 == 19))) {
            return Optional.of("reserved");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6Kind(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        boolean firstTwelveZero = firstTenZero && b[10] == 0 && b[11] == 0;
        if (firstTwelveZero) {
            boolean allZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (allZero && b[15] == 0) {
                return Optional.of("unspecified");
            }
            if (allZero && b[15] == 1) {
                return Optional.of("loopback");
            }
            return embeddedIpv4(b, 12);
        }
        if (firstTenZero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return embeddedIpv4(b, 12);
        }
        int b0 = b[0] & 0xFF;
        int b1 = b[1] & 0xFF;
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
            return embeddedIpv4(b, 12);
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return embeddedIpv4(b, 2);
        }
        if ((b0 & 0xFE) == 0xFC) {
            return Optional.of("private");
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0x80) {
            return Optional.of("link-local");
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0xC0) {
            return Optional.of("private");
        }
        if (b0 == 0xFF) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }

    private static Optional<String> embeddedIpv4(byte[] b, int offset) {
        return ipv4Kind(Arrays.copyOfRange(b, offset, offset + 4));
    }
}
