using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Software prefetch for the streaming matvecs (decode). The hardware streamer stops at every 4 KiB page, and
/// weights mapped from a file sit in 4 KiB pages, so without a hint each page starts with a DRAM round trip.
/// </summary>
/// <remarks>
/// The distance was picked on the Q8_0 5632×2048 matvec streaming from DRAM (Gantry.Bench.Kernels quick, one
/// thread): 0 → 2.0–2.2 ms, 2 KiB → 1.7–2.1 ms, 4 KiB → 1.5–1.7 ms.
/// </remarks>
internal static unsafe class Prefetch
{
    private const int Distance = 4096;

    /// <summary>Asks for the cache line <see cref="Distance"/> bytes past <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Ahead(byte* p)
    {
        if (Sse.IsSupported) Sse.Prefetch0(p + Distance);
    }

    /// <summary>Asks for every cache line of the <paramref name="bytes"/> that lie <see cref="Distance"/> past <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Ahead(byte* p, int bytes)
    {
        for (int o = 0; o < bytes; o += 64) Ahead(p + o);
    }
}
