package dev.sticker.core.guard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Every URL here uses an IP literal or a resolver given in the test, so nothing reaches DNS or the network. */
class RequestForgeryGuardTest {

    private final RequestForgeryGuard guard = new RequestForgeryGuard(List.of());

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource({
            "http://127.0.0.1/photo.jpg, loopback",
            "http://127.8.9.10:8080/, loopback",
            "http://10.0.0.1/, private",
            "http://172.16.5.4/, private",
            "http://172.31.255.255/, private",
            "http://192.168.1.1/, private",
            "http://169.254.169.254/latest/meta-data/, link-local",
            "http://100.64.0.1/, shared (carrier-grade NAT)",
            "http://0.0.0.0/, unspecified",
            "http://224.0.0.1/, multicast",
            "http://255.255.255.255/, reserved",
            "http://[::1]/, loopback",
            "http://[::]/, unspecified",
            "http://[::ffff:127.0.0.1]/, loopback",
            "http://[::ffff:169.254.169.254]/, link-local",
            "http://[::ffff:a00:1]/, private",
            "http://[fd00::1]/, private",
            "http://[fc00::1]/, private",
            "http://[fe80::1]/, link-local",
            "http://[ff02::1]/, multicast",
            "http://[64:ff9b::7f00:1]/, loopback",
            "http://[2002:a00:1::]/, private",
    })
    void nonPublicAddressesAreRefused(String url, String kind) {
        GuardVerdict verdict = guard.check(url);
        assertEquals(new GuardVerdict.Refused("points to a " + kind + " address"), verdict);
    }

    @ParameterizedTest
    @CsvSource({"file:///etc/passwd", "ftp://93.184.216.34/a.png", "gopher://93.184.216.34/", "jar:file:/x!/y"})
    void otherSchemesAreRefused(String url) {
        assertEquals(new GuardVerdict.Refused("must use http or https"), guard.check(url));
    }

    @Test
    void publicAddressesAreAllowed() {
        GuardVerdict verdict = guard.check("https://93.184.216.34/photo.jpg");
        GuardVerdict.Allowed allowed = assertInstanceOf(GuardVerdict.Allowed.class, verdict);
        assertEquals("93.184.216.34", allowed.addresses().get(0).getHostAddress());
        assertInstanceOf(GuardVerdict.Allowed.class, guard.check("http://[2606:4700::6810:84e5]/"));
        assertInstanceOf(GuardVerdict.Allowed.class, guard.check("http://172.32.0.1/"));
    }

    @Test
    void everyResolvedAddressIsChecked() {
        RequestForgeryGuard withResolver = new RequestForgeryGuard(List.of(), host -> new InetAddress[]{
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")});
        assertEquals(new GuardVerdict.Refused("points to a private address"),
                withResolver.check("https://images.example.com/a.jpg"));
    }

    @Test
    void unresolvableHostIsRefused() {
        RequestForgeryGuard withResolver = new RequestForgeryGuard(List.of(), host -> {
            throw new java.net.UnknownHostException(host);
        });
        assertEquals(new GuardVerdict.Refused("has a host that does not resolve"),
                withResolver.check("https://nowhere.example.com/a.jpg"));
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertEquals(new GuardVerdict.Refused("must not carry credentials"),
                guard.check("http://user:pw@93.184.216.34/"));
    }

    @Test
    void allowlistedHostPortPassesButOtherPortsDoNot() {
        RequestForgeryGuard local = new RequestForgeryGuard(List.of("127.0.0.1:4566", "LOCALHOST"));
        assertInstanceOf(GuardVerdict.Allowed.class, local.check("http://127.0.0.1:4566/bucket/key"));
        assertEquals(new GuardVerdict.Refused("points to a loopback address"), local.check("http://127.0.0.1:4567/"));
        assertInstanceOf(GuardVerdict.Allowed.class, local.check("http://localhost:9999/"));
    }
}
