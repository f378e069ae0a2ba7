/** ots-module (work in progress). */
package io.nextops.ots;
