using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Kernels;
using Gantry.Tensors.Quantization;
using Gantry.Tensors.Threading;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>
/// The machine-code VNNI micro-kernels (<see cref="NativeVnni"/>): every kernel against the scalar reference on random
/// rows, one token and groups of four with remainders; and the generated machine code against its assembly source.
/// </summary>
public sealed unsafe class NativeVnniTests : IDisposable
{
    private readonly WorkerPool _pool = new(2);

    public void Dispose() => _pool.Dispose();

    [Theory]
    [InlineData(GgmlType.Q8_0, 8, 32)]
    [InlineData(GgmlType.Q8_0, 24, 2048)]
    [InlineData(GgmlType.Q8_0, 19, 544)]
    [InlineData(GgmlType.Q8_0, 48, 256)]
    [InlineData(GgmlType.Q8_0, 40, 96)]
    [InlineData(GgmlType.Q4_0, 8, 32)]
    [InlineData(GgmlType.Q4_0, 24, 2048)]
    [InlineData(GgmlType.Q4_0, 19, 544)]
    [InlineData(GgmlType.Q4_0, 48, 256)]
    [InlineData(GgmlType.Q4_0, 40, 96)]
    [InlineData(GgmlType.Q4_K, 8, 256)]
    [InlineData(GgmlType.Q4_K, 24, 2048)]
    [InlineData(GgmlType.Q4_K, 19, 768)]
    [InlineData(GgmlType.Q6_K, 8, 256)]
    [InlineData(GgmlType.Q6_K, 24, 2048)]
    [InlineData(GgmlType.Q6_K, 19, 768)]
    public void Multiply_Repacked_MatchesTheScalarReference(GgmlType type, int rows, int cols)
    {
        if (!KernelPaths.IsSupported(KernelPath.NativeVnni)) return; // this CPU has no AVX-512 VNNI (or not Linux x64)
        using var repacker = new WeightRepacker(KernelPath.NativeVnni);
        var weights = TestData.Weights(type, rows, cols, rows + cols);
        fixed (byte* wp = weights)
        {
            var plain = new WeightMatrix(wp, type, rows, cols);
            var repacked = repacker.Repack(plain);
            Assert.NotNull((nint?)repacked.Packed);
            foreach (int n in new[] { 1, 3, 4, 5, 7, 8, 9, 11, 13 })
            {
                var x = TestData.Floats(n * cols, n, scale: 3f);
                var expected = new float[n * rows];
                var got = new float[n * rows];
                new MatMul(_pool) { Path = KernelPath.Scalar }.Multiply(plain, x, n, expected);
                new MatMul(_pool) { Path = KernelPath.NativeVnni }.Multiply(repacked, x, n, got);
                double scale = expected.Max(Math.Abs);
                for (int i = 0; i < got.Length; i++)
                    Assert.True(Math.Abs(got[i] - expected[i]) <= 1e-5 * (1 + scale),
                        $"{type} {rows}x{cols} n={n} [{i / rows}, {i % rows}]: {got[i]} vs {expected[i]}");
            }
        }
    }

    /// <summary>Q8_0 and Q4_0 take the sixteen-row layout from sixteen rows on; a slice keeps it only on a group boundary.</summary>
    [Theory]
    [InlineData(GgmlType.Q8_0)]
    [InlineData(GgmlType.Q4_0)]
    public void Repack_SixteenRowGroups_WhereTheKernelsExist(GgmlType type)
    {
        if (!KernelPaths.IsSupported(KernelPath.NativeVnni)) return;
        using var repacker = new WeightRepacker(KernelPath.NativeVnni);
        const int cols = 64;
        var weights = TestData.Weights(type, 40, cols, 7);
        fixed (byte* wp = weights)
        {
            var m = repacker.Repack(new WeightMatrix(wp, type, 40, cols));
            int groupBytes = type == GgmlType.Q8_0 ? CompactRows16.Q8_0GroupBytes(cols) : CompactRows16.Q4_0GroupBytes(cols);
            Assert.Equal(16, m.PackedGroupRows);
            Assert.Equal(groupBytes, m.PackedGroupBytes);
            Assert.True(m.Slice(16, 24).Packed == m.Packed + groupBytes);
            Assert.True(m.Slice(8, 16).Packed == null);
            Assert.True(m.Slice(32, 8).Packed == null);
            var small = repacker.Repack(new WeightMatrix(wp, type, 8, cols));
            Assert.Equal(8, small.PackedGroupRows);
        }
    }

    [Fact]
    public void Code_LoadsWhereverTheCpuAndOsRunIt()
    {
        bool cpuRunsIt = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64
            && Avx512BW.IsSupported && Avx512F.VL.IsSupported && (X86Base.CpuId(7, 0).Ecx & (1 << 11)) != 0;
        if (!cpuRunsIt || Environment.GetEnvironmentVariable("GANTRY_NATIVE_KERNELS") == "0") return;
        // The generated code must decode to the right length and be mapped executable: a silent fallback would hide a
        // packaging or loading fault behind the managed kernels.
        Assert.True(NativeVnni.IsAvailable);
    }

    [Fact]
    public void Path_IsTheBestWhereItRuns_AndOtherwiseUnsupported()
    {
        if (KernelPaths.IsSupported(KernelPath.NativeVnni))
            Assert.True(KernelPaths.Best is KernelPath.Avx512 or KernelPath.NativeVnni);
        else
            Assert.NotEqual(KernelPath.NativeVnni, KernelPaths.Best);
        // Every type has a kernel set on the path (the managed AVX2 one where no machine code exists).
        foreach (var type in new[] { GgmlType.F32, GgmlType.F16, GgmlType.Q4_K, GgmlType.Q6_K })
            Assert.True(KernelTable.Get(type, KernelPath.NativeVnni).Dot != null);
    }

    /// <summary>The machine code and offsets in NativeVnniCode.g.cs are what build.sh makes of vnni_kernels.s today (CI installs binutils, so this runs there).</summary>
    [Fact]
    public void GeneratedCode_MatchesTheAssemblySource()
    {
        if (!OnPath("as") || !OnPath("objcopy") || !OnPath("python3")) return; // no assembler here
        string root = RepositoryRoot();
        string fresh = Path.Combine(Path.GetTempPath(), $"gantry-vnni-{Environment.ProcessId}.g.cs");
        try
        {
            var run = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "src/Gantry.Tensors/Native/build.sh"), fresh])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            string errors = run.StandardError.ReadToEnd();
            run.WaitForExit();
            Assert.True(run.ExitCode == 0, errors);
            Assert.Equal(File.ReadAllText(Path.Combine(root, "src/Gantry.Tensors/Kernels/NativeVnniCode.g.cs")), File.ReadAllText(fresh));
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gantry.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Gantry.sln not found above the test binaries.");
    }
}
