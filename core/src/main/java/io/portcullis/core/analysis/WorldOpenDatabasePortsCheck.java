package io.portcullis.core.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@value #ID} ({@link Severity#HIGH}): an ingress allow from 0.0.0.0/0 or ::/0 to a common database or cache
 * port: 1433 (SQL Server), 1521 (Oracle), 3306 (MySQL), 5432 (PostgreSQL), 6379 (Redis), 9200
 * (Elasticsearch), 11211 (Memcached), 27017 (MongoDB), over tcp or udp.
 */
public final class WorldOpenDatabasePortsCheck extends SensitivePortsCheck {
  /** The id of this check's findings. */
  public static final String ID = "world-open-database";

  /** The check. */
  public WorldOpenDatabasePortsCheck() {
    super(ID, ports(), "database or cache",
        "allow these ports only from the application's subnets or security group, never from the internet");
  }

  private static Map<Integer, String> ports() {
    Map<Integer, String> ports = new LinkedHashMap<>();
    ports.put(1433, "SQL Server");
    ports.put(1521, "Oracle");
    ports.put(3306, "MySQL");
    ports.put(5432, "PostgreSQL");
    ports.put(6379, "Redis");
    ports.put(9200, "Elasticsearch");
    ports.put(11211, "Memcached");
    ports.put(27017, "MongoDB");
    return ports;
  }
}
