/** AWS adapters: one class per service and port, all built on the clients of {@link dev.heartwood.aws.AwsClients}. */
package dev.heartwood.aws;
