/**
 * Stateful in-memory fakes of the cloud APIs Portcullis drives (EC2 security-group rules, ElastiCache cache
 * security groups, Huawei Cloud VPC v3 security-group rules), served over HTTP on 127.0.0.1 so that the real
 * SDK clients talk to them. For tests and for running the examples without a cloud account.
 */
@NullMarked
package io.portcullis.testkit;

import org.jspecify.annotations.NullMarked;
