package io.terndb.server;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * The 64-bit node id, built as the original builds it: the fabric port in the high 16 bits and the 48-bit MAC
 * address of the first interface that has one in the low 48. Two nodes on one host differ by fabric port.
 */
final class NodeId {

    private NodeId() {
    }

    static long derive(int fabricPort) {
        long mac = 0;
        try {
            for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] address = face.getHardwareAddress();
                if (address != null && address.length == 6 && !face.isLoopback()) {
                    for (byte b : address) {
                        mac = (mac << 8) | (b & 0xFF);
                    }
                    break;
                }
            }
        } catch (SocketException e) {
            mac = 0;
        }
        if (mac == 0) {
            mac = 0x00_00_7F_00_00_01L; // no hardware address (a bare network namespace): loopback as MAC
        }
        return ((long) (fabricPort & 0xFFFF) << 48) | mac;
    }
}
