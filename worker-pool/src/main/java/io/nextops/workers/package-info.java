/** worker-pool (work in progress). */
package io.nextops.workers;
