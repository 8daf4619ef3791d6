package io.drip.tracking.click;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Drops the host part of a client address (IPv4 to /24, IPv6 to /48), as analytics tools do for GDPR. */
public final class IpAnonymizer {

    private IpAnonymizer() {
    }

    public static String anonymize(String ip) {
        if (ip == null || ip.isBlank()) {
            return null;
        }
        try {
            byte[] address = InetAddress.getByName(ip).getAddress();
            int keep = address.length == 4 ? 3 : 6;
            for (int i = keep; i < address.length; i++) {
                address[i] = 0;
            }
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return null; // not an address literal: keep nothing rather than something unknown
        }
    }
}
