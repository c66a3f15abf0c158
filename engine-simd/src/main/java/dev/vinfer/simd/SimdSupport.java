package dev.vinfer.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Decides, without touching any vector class, whether the Vector API can be fast here (Lucene's
 * checks): the incubator module is in this module's layer, HotSpot will compile with C2, and the CPU
 * offers vectors of at least 128 bits. Only when the first two pass is {@link Lanes} touched, so a
 * missing module can never break class initialisation.
 */
final class SimdSupport {
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Test-only: force the species width (128, 256, 512 bits) to exercise narrower CPUs' code paths. */
    static final String VECTOR_BITS_PROPERTY = "vinfer.simd.vectorBits";

    private static volatile String cachedUnusableReason;
    private static volatile boolean checked;

    private SimdSupport() {
    }

    /** Empty when SIMD kernels can run fast here, else a one-line reason (with the fix, if any). */
    static Optional<String> unusableReason() {
        if (!checked) {
            cachedUnusableReason = check();
            checked = true;
        }
        return Optional.ofNullable(cachedUnusableReason);
    }

    private static String check() {
        ModuleLayer layer = Optional.ofNullable(SimdSupport.class.getModule().getLayer()).orElse(ModuleLayer.boot());
        if (layer.findModule(VECTOR_MODULE).isEmpty()) {
            return "the Vector API module is not in the module graph; start the JVM with --add-modules "
                    + VECTOR_MODULE;
        }
        String compilerProblem = c2Problem();
        if (compilerProblem != null) {
            return compilerProblem;
        }
        if (forcedBits() < 0) {
            return VECTOR_BITS_PROPERTY + " must be 128, 256 or 512, got '" + System.getProperty(VECTOR_BITS_PROPERTY) + "'";
        }
        // Safe now: the module is present, so Lanes' species can be created.
        int preferred = Lanes.preferredBits();
        if (preferred < 128) {
            return "the CPU's vectors are only " + preferred + " bits wide (need >= 128)";
        }
        if (Lanes.BITS > preferred) {
            // Wider than the hardware would be emulated, slower than scalar: never worth it.
            return VECTOR_BITS_PROPERTY + "=" + Lanes.BITS + " exceeds the CPU's " + preferred + "-bit vectors";
        }
        return null;
    }

    /** The forced vector width in bits, 0 when not forced, -1 when the property is malformed. */
    static int forcedBits() {
        String forced = System.getProperty(VECTOR_BITS_PROPERTY, "").trim();
        return switch (forced) {
            case "" -> 0;
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> -1;
        };
    }

    /** Null when HotSpot's C2 compiler is on; otherwise why vectors would run interpreted or in C1. */
    private static String c2Problem() {
        HotSpotDiagnosticMXBean hotspot;
        try {
            hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError notHotSpot) {
            hotspot = null;
        }
        if (hotspot == null) {
            return "not a HotSpot JVM (" + System.getProperty("java.vm.name") + "): the Vector API needs C2";
        }
        if (!flag(hotspot, "UseCompiler").map(Boolean::parseBoolean).orElse(true)) {
            return "the JIT is off (-Xint): vector code would run in the interpreter";
        }
        boolean tiered = flag(hotspot, "TieredCompilation").map(Boolean::parseBoolean).orElse(true);
        int stopAt = flag(hotspot, "TieredStopAtLevel").map(Integer::parseInt).orElse(4);
        if (tiered && stopAt < 4) {
            return "C2 is disabled (-XX:TieredStopAtLevel=" + stopAt + "): vector code would not be compiled to SIMD";
        }
        return null;
    }

    private static Optional<String> flag(HotSpotDiagnosticMXBean hotspot, String name) {
        try {
            VMOption option = hotspot.getVMOption(name);
            return Optional.of(option.getValue());
        } catch (IllegalArgumentException unknownFlag) {
            return Optional.empty();
        }
    }
}
