/** How the use cases are put together from an installation's stores, once for every door (CLI, Lambda, drill). */
package dev.heartwood.core.runtime;
