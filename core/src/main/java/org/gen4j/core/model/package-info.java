/** Network contracts: generators, discriminators and their factories. */
package org.gen4j.core.model;
