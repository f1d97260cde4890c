/** Readers for the files RMNIST data comes in (IDX, raw or gzip) and content hashing. */
package org.rmnist.api.io;
