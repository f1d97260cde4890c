/** The bundled MNIST dataset plugin: IDX files, Nielsen's exact RMNIST draw and stratified draws. */
package org.rmnist.plugins.data;
