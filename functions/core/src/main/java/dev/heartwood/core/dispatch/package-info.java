/** Dispatch: the fleet's roster of wake cadences, and the periodic tick that enqueues every agent that is due. */
package dev.heartwood.core.dispatch;
