/** The AWS CDK app that deploys one Heartwood installation: its stores, the five functions, their triggers and alarms. */
package dev.heartwood.infra;
