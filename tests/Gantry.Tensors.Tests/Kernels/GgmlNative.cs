using System.Reflection;
using System.Runtime.InteropServices;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>
/// llama.cpp's own ggml binaries (the AVX2 build shipped in the LLamaSharp.Backend.Cpu package), loaded by path so
/// the parity tests compare Gantry against the real thing rather than against a port of it.
/// </summary>
internal static unsafe class GgmlNative
{
    private static readonly Lazy<(nint Base, nint Cpu)> Libraries = new(Load);

    /// <summary>
    /// The shipped binaries are linux-x64 AVX2 builds; elsewhere the parity tests have nothing to compare against
    /// and return early (the float64-reference tests still cover the kernels there).
    /// </summary>
    public static bool Available => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64
        && System.Runtime.Intrinsics.X86.Avx2.IsSupported;

    public static string Directory =>
        typeof(GgmlNative).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GgmlNativeDir").Value!;

    /// <summary>quantize_row_*_ref / dequantize_row_* / quantize_row_q8_* (x86): (src, dst, k).</summary>
    public static delegate* unmanaged<void*, void*, long, void> RowFunction(string name, bool cpu = false)
        => (delegate* unmanaged<void*, void*, long, void>)NativeLibrary.GetExport(cpu ? Libraries.Value.Cpu : Libraries.Value.Base, name);

    /// <summary>ggml_vec_dot_*(n, s, bs, vx, bx, vy, by, nrc).</summary>
    public static delegate* unmanaged<int, float*, nuint, void*, nuint, void*, nuint, int, void> VecDot(string name)
        => (delegate* unmanaged<int, float*, nuint, void*, nuint, void*, nuint, int, void>)NativeLibrary.GetExport(Libraries.Value.Cpu, name);

    private static (nint, nint) Load()
    {
        string dir = Directory;
        nint baseLib = NativeLibrary.Load(Path.Combine(dir, "libggml-base.so"));
        nint cpuLib = NativeLibrary.Load(Path.Combine(dir, "libggml-cpu.so"));
        // Fills ggml-cpu's fp16 tables; the dot kernels may read them.
        var init = (delegate* unmanaged<void>)NativeLibrary.GetExport(cpuLib, "ggml_cpu_init");
        init();
        return (baseLib, cpuLib);
    }
}
