/** Runnable examples of Portcullis: desired state across EC2, ElastiCache and Huawei Cloud VPC. */
package io.portcullis.examples;
