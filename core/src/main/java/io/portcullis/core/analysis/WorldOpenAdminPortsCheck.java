package io.portcullis.core.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@value #ID} ({@link Severity#HIGH}): an ingress allow from 0.0.0.0/0 or ::/0 to a remote-administration port:
 * 22 (SSH), 23 (Telnet), 3389 (RDP), 5985-5986 (WinRM), over tcp or udp.
 */
public final class WorldOpenAdminPortsCheck extends SensitivePortsCheck {
  /** The id of this check's findings. */
  public static final String ID = "world-open-admin";

  /** The check. */
  public WorldOpenAdminPortsCheck() {
    super(ID, ports(), "remote-administration",
        "allow these ports only from the administrators' addresses (a VPN or bastion CIDR) or a security group");
  }

  private static Map<Integer, String> ports() {
    Map<Integer, String> ports = new LinkedHashMap<>();
    ports.put(22, "SSH");
    ports.put(23, "Telnet");
    ports.put(3389, "RDP");
    ports.put(5985, "WinRM HTTP");
    ports.put(5986, "WinRM HTTPS");
    return ports;
  }
}
