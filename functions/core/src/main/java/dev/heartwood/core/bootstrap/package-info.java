/** Bootstrap: the stores an agent needs (buckets, tables, queues), created idempotently in any runtime. */
package dev.heartwood.core.bootstrap;
