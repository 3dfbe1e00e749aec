package dev.sticker.core.guard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Sends plain-http requests to the address the guard checked, so a second, rebound DNS answer is never used: the
 * client is pointed at that address as an HTTP proxy, so it sends the absolute URL and the original Host header,
 * which origin servers accept. https goes direct: a rebound answer could only reach a server holding a valid
 * certificate for the attacker's host name.
 */
public final class PinnedAddress extends ProxySelector {

    private static final Logger LOG = LoggerFactory.getLogger(PinnedAddress.class);

    private final InetAddress address;

    public PinnedAddress(InetAddress address) {
        this.address = address;
    }

    /** The first address of a URL the guard allowed. */
    public static PinnedAddress of(GuardVerdict.Allowed allowed) {
        return new PinnedAddress(allowed.addresses().get(0));
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (!"http".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return List.of(Proxy.NO_PROXY);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : 80;
        return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(address, port)));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        LOG.debug("connect failed uri={} address={}", uri, address);
    }
}
