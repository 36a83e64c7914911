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
    /// <see cref="Avx2"/>, except that weights repacked at load run machine-code micro-kernels with EVEX vpdpbusd
    /// (<see cref="NativeVnni"/>: Q8_0 and Q4_0 for one, four and five tokens over eight or sixteen rows, Q4_K and Q6_K for four): CPUs with
    /// AVX-512 VNNI but no VEX AVX-VNNI (AMD Zen 4), on which .NET 10 cannot emit vpdpbusd.
    /// </summary>
    NativeVnni,
}

/// <summary>Which <see cref="KernelPath"/>s this CPU can run.</summary>
public static class KernelPaths
{
    /// <summary>The fastest path supported here.</summary>
    public static KernelPath Best { get; } = IsSupported(KernelPath.Avx512) ? KernelPath.Avx512
        : IsSupported(KernelPath.NativeVnni) ? KernelPath.NativeVnni
        : IsSupported(KernelPath.Avx2) ? KernelPath.Avx2
        : IsSupported(KernelPath.Vector128) ? KernelPath.Vector128
        : KernelPath.Scalar;

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
