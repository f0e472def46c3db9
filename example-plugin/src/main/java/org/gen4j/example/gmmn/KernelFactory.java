package org.gen4j.example.gmmn;

import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.util.Options;

/**
 * Creates kernels: a plugin kind of this plugin's own, which the core has never heard of. Other
 * plugins can register kernels with {@code GenBindings.add(binder, KernelFactory.KIND, ...)},
 * and {@code gen4j list kernels} shows them.
 */
public interface KernelFactory extends NamedFactory {

    /** The kind: declared once, here. */
    PluginKind<KernelFactory> KIND = PluginKind.of("kernel", "kernels", KernelFactory.class);

    /** A new kernel; an unknown option is an error naming it. */
    Kernel create(Options options);
}
