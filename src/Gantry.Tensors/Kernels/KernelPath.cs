using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Instruction-set tier a kernel runs at. Every tier computes the same integers for the quantized types (the
/// activation quantization is shared), so paths differ only in float summation order.
/// </summary>
public enum KernelPath
{
    /// <summary>Plain C#: the reference every other path is tested against.</summary>
    Scalar,
    /// <summary>Portable 128-bit vectors (also what ARM64 would get).</summary>
    Vector128,
    /// <summary>AVX2 + FMA: 256-bit vpmaddubsw/vpmaddwd integer dots.</summary>
    Avx2,
    /// <summary>
    /// AVX-512 tier: 512-bit float kernels and VNNI vpdpbusd integer dots. .NET 10 exposes vpdpbusd only at
    /// 256 bits (AvxVnni), so the integer kernels use it at that width.
    /// </summary>
    Avx512,
    /// <summary>
    /// The best managed path (<see cref="Avx512"/> where .NET emits vpdpbusd, else <see cref="Avx2"/>), except that
    /// weights repacked at load run machine-code micro-kernels with EVEX vpdpbusd (<see cref="NativeVnni"/>: Q8_0 and
    /// Q4_0 for one, four and five tokens over eight or sixteen rows, Q4_K and Q6_K for four): every Linux x64 CPU
    /// with AVX-512 VNNI, AMD Zen 4 (where .NET 10 cannot emit vpdpbusd at all) and Intel Xeons alike.
    /// </summary>
    NativeVnni,
}

/// <summary>Which <see cref="KernelPath"/>s this CPU can run.</summary>
public static class KernelPaths
{
    /// <summary>The fastest path supported here, or the one <c>GANTRY_KERNEL_PATH</c> names (Scalar, Vector128, Avx2,
    /// Avx512, NativeVnni) where this CPU runs it: whole-model runs of two paths on one machine compare them, and an
    /// AVX2-only machine's speed can be checked on a newer one.</summary>
    public static KernelPath Best { get; } = Pinned() ?? Fastest();

    // The machine code comes first where it runs, Intel included: there its 512-bit vpdpbusd over sixteen repacked
    // rows beat the managed 256-bit kernels (a five-token step 2.6-4x faster on a Xeon with AVX-512 and AVX-VNNI).
    private static KernelPath Fastest() => IsSupported(KernelPath.NativeVnni) ? KernelPath.NativeVnni
        : IsSupported(KernelPath.Avx512) ? KernelPath.Avx512
        : IsSupported(KernelPath.Avx2) ? KernelPath.Avx2
        : IsSupported(KernelPath.Vector128) ? KernelPath.Vector128
        : KernelPath.Scalar;

    private static KernelPath? Pinned() =>
        Enum.TryParse<KernelPath>(Environment.GetEnvironmentVariable("GANTRY_KERNEL_PATH"), ignoreCase: true, out var path)
        && IsSupported(path) ? path : null;

    public static bool IsSupported(KernelPath path) => path switch
    {
        KernelPath.Scalar => true,
        KernelPath.Vector128 => Vector128.IsHardwareAccelerated,
        KernelPath.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        KernelPath.Avx512 => Avx2.IsSupported && Fma.IsSupported && AvxVnni.IsSupported && Avx512F.IsSupported && Vector512.IsHardwareAccelerated,
        KernelPath.NativeVnni => Avx2.IsSupported && Fma.IsSupported && NativeVnni.IsAvailable,
        _ => false,
    };
}
