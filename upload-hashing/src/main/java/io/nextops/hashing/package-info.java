/** upload-hashing (work in progress). */
package io.nextops.hashing;
