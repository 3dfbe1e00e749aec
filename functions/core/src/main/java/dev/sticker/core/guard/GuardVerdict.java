package dev.sticker.core.guard;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/** Whether an outbound URL may be fetched, and the checked addresses to connect to. */
public sealed interface GuardVerdict {

    /** Every address the host resolved to passed the check (or the host:port is allowlisted). */
    record Allowed(URI uri, List<InetAddress> addresses) implements GuardVerdict {
        public Allowed {
            addresses = List.copyOf(addresses);
        }
    }

    /** Why the URL is refused, phrased for the caller, e.g. "points to a private address". */
    record Refused(String reason) implements GuardVerdict {
    }
}
