/** export-core (work in progress). */
package io.nextops.export;
