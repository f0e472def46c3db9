/** Model contracts: generators, discriminators, likelihood models, and their factories. */
package org.gen4j.core.model;
