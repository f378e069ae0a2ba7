/** memory-monitor (work in progress). */
package io.nextops.memory;
