/** invoices-module (work in progress). */
package io.nextops.invoices;
