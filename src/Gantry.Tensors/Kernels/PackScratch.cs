using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Each thread's buffer for the weight tile it has packed (<see cref="PackedRows8"/>). Per thread because every
/// pool thread packs its own tiles concurrently; pinned so the kernels can hold its address; grows to the largest
/// tile seen and is never shrunk or freed while the thread lives, so <see cref="MatMul.Multiply"/> allocates
/// nothing after a thread's first call at a size.
/// </summary>
internal static unsafe class PackScratch
{
    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>At least <paramref name="bytes"/> bytes for the calling thread, 64-byte aligned.</summary>
    public static byte* Get(int bytes)
    {
        var buffer = t_buffer;
        if (buffer == null || buffer.Length < bytes + 64)
        {
            buffer = GC.AllocateUninitializedArray<byte>(bytes + 64, pinned: true);
            t_buffer = buffer;
        }
        byte* p = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (byte*)(((nint)p + 63) & ~(nint)63);
    }
}
