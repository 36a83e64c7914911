using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// The repacked eight-row micro-kernels as machine code with EVEX <c>vpdpbusd</c> (<c>Native/vnni_kernels.s</c>):
/// Q8_0 and Q4_0 (<see cref="CompactRows8"/>) for one, four and five tokens, Q4_K and Q6_K for four. For CPUs with
/// AVX-512 VNNI but without the VEX AVX-VNNI that .NET 10 wraps (AMD Zen 4): the JIT cannot emit the instruction
/// there, so <see cref="KernelPath.Avx2"/> would otherwise pay vpmaddubsw + vpmaddwd (and, for Q8_0, the sign
/// trick) where one vpdpbusd does.
/// </summary>
/// <remarks>
/// The code is position-independent, reads no data of its own, ships as base64 text in
/// <see cref="NativeVnniCode"/> (written by <c>Native/build.sh</c>) and is copied once into an anonymous page that is
/// then made read-only and executable. It is used on Linux x64 only (System V calling convention), and not at all
/// when <c>GANTRY_NATIVE_KERNELS=0</c>, when the CPU lacks AVX-512 F/BW/VL/VNNI, or when the OS refuses executable
/// memory; <see cref="KernelPath.NativeVnni"/> is then unsupported and every caller keeps the managed kernels.
/// The integers are exactly the managed kernels' (<see cref="DotPacked8x4"/>, <see cref="DotPackedQ4_K"/>,
/// <see cref="DotPackedQ6_K"/>); only float summation order may differ from other paths.
/// </remarks>
internal static unsafe class NativeVnni
{
    /// <summary>What every kernel reads: one tile's pointers (the layout <c>vnni_kernels.s</c> expects).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TileArgs
    {
        public byte* Packed;
        public long Blocks;
        public byte* X0, X1, X2, X3;
        public float* S0, S1, S2, S3;
        public int* C0, C1, C2, C3;
        public float* Y;
        public long YStrideBytes;
        public byte* X4;
        public float* S4;
        public long CorrectionOffsetBytes;
    }

    private static readonly delegate* unmanaged[SuppressGCTransition]<TileArgs*, void> s_q8_0x4, s_q8_0x1, s_q8_0x5, s_q4_0x4, s_q4_0x1, s_q4_0x5, s_q4_Kx4, s_q6_Kx4;
    private static readonly delegate* unmanaged[SuppressGCTransition]<TileArgs*, void> s_q8_0x4w, s_q8_0x1w, s_q8_0x5w, s_q4_0x4w, s_q4_0x1w, s_q4_0x5w;

    /// <summary>Whether the machine code is loaded and this CPU runs it.</summary>
    public static bool IsAvailable { get; }

    static NativeVnni()
    {
        if (!CpuRunsIt() || Environment.GetEnvironmentVariable("GANTRY_NATIVE_KERNELS") == "0") return;
        var code = ExecutableCode.TryLoad(ReadCode());
        if (code == null) return;
        s_q8_0x4 = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q8_0x4);
        s_q8_0x1 = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q8_0x1);
        s_q4_0x4 = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q4_0x4);
        s_q4_0x1 = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q4_0x1);
        s_q8_0x5 = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q8_0x5);
        s_q4_0x5 = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q4_0x5);
        s_q4_Kx4 = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q4_Kx4);
        s_q8_0x4w = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q8_0x4Wide);
        s_q8_0x1w = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q8_0x1Wide);
        s_q8_0x5w = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q8_0x5Wide);
        s_q4_0x4w = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q4_0x4Wide);
        s_q4_0x1w = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q4_0x1Wide);
        s_q4_0x5w = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q4_0x5Wide);
        s_q6_Kx4 = (delegate* unmanaged[SuppressGCTransition]<TileArgs*, void>)(code + NativeVnniCode.Q6_Kx4);
        IsAvailable = true;
    }

    /// <summary>The machine code, decoded from <see cref="NativeVnniCode.Base64"/>; empty if it is not the length its offsets expect.</summary>
    private static byte[] ReadCode()
    {
        var code = Convert.FromBase64String(NativeVnniCode.Base64);
        return code.Length == NativeVnniCode.Length ? code : [];
    }

    /// <summary>Linux x64 with AVX-512 F, BW, VL (the OS saving their state: .NET checks that) and VNNI (CPUID 7.0 ECX bit 11).</summary>
    private static bool CpuRunsIt()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return false;
        if (!Avx2.IsSupported || !Avx512F.IsSupported || !Avx512BW.IsSupported || !Avx512F.VL.IsSupported) return false;
        var (_, _, ecx, _) = X86Base.CpuId(7, 0);
        return (ecx & (1 << 11)) != 0;
    }

    /// <summary>Q8_0 repacked at load (<see cref="CompactRows8.PackQ8_0"/>, q + 128) · four Q8_0 activation rows; arguments as <see cref="KernelSet.RepackedDot8x4"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_0x4(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        var args = Tile(packed, x, xStride, cols, y, yStride, minus8: false);
        s_q8_0x4(&args);
    }

    /// <summary>Q8_0 repacked at load (<see cref="CompactRows8.PackQ8_0"/>) · one activation row; arguments as <see cref="KernelSet.RepackedDot8x1"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_0x1(byte* packed, byte* x, int cols, float* y)
    {
        var args = Tile(packed, x, 0, cols, y, 0, minus8: false);
        s_q8_0x1(&args);
    }

    /// <summary>Q4_0 repacked at load (<see cref="CompactRows8.PackQ4_0"/>) · four activation rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0x4(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        var args = Tile(packed, x, xStride, cols, y, yStride, minus8: true);
        s_q4_0x4(&args);
    }

    /// <summary>Q4_0 repacked at load (<see cref="CompactRows8.PackQ4_0"/>) · one activation row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0x1(byte* packed, byte* x, int cols, float* y)
    {
        var args = Tile(packed, x, 0, cols, y, 0, minus8: true);
        s_q4_0x1(&args);
    }

    /// <summary>Q8_0 repacked at load · five activation rows in one pass; arguments as <see cref="KernelSet.RepackedDot8x5"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_0x5(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        var args = FiveTokenTile(packed, x, xStride, cols, y, yStride, minus8: false);
        s_q8_0x5(&args);
    }

    /// <summary>Q4_0 repacked at load · five activation rows in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0x5(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        var args = FiveTokenTile(packed, x, xStride, cols, y, yStride, minus8: true);
        s_q4_0x5(&args);
    }

    /// <summary>Sixteen Q8_0 rows repacked at load (<see cref="CompactRows16.PackQ8_0"/>) · four activation rows; writes (4, 16) dots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_0x4Wide(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        var args = Tile(packed, x, xStride, cols, y, yStride, minus8: false);
        s_q8_0x4w(&args);
    }

    /// <summary>Sixteen Q8_0 rows repacked at load · one activation row; writes 16 dots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_0x1Wide(byte* packed, byte* x, int cols, float* y)
    {
        var args = Tile(packed, x, 0, cols, y, 0, minus8: false);
        s_q8_0x1w(&args);
    }

    /// <summary>Sixteen Q8_0 rows repacked at load · five activation rows in one pass; writes (5, 16) dots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_0x5Wide(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        var args = FiveTokenTile(packed, x, xStride, cols, y, yStride, minus8: false);
        s_q8_0x5w(&args);
    }

    /// <summary>Sixteen Q4_0 rows repacked at load (<see cref="CompactRows16.PackQ4_0"/>) · four activation rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0x4Wide(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        var args = Tile(packed, x, xStride, cols, y, yStride, minus8: true);
        s_q4_0x4w(&args);
    }

    /// <summary>Sixteen Q4_0 rows repacked at load · one activation row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0x1Wide(byte* packed, byte* x, int cols, float* y)
    {
        var args = Tile(packed, x, 0, cols, y, 0, minus8: true);
        s_q4_0x1w(&args);
    }

    /// <summary>Sixteen Q4_0 rows repacked at load · five activation rows in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0x5Wide(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        var args = FiveTokenTile(packed, x, xStride, cols, y, yStride, minus8: true);
        s_q4_0x5w(&args);
    }

    // The five-token kernels are one register short of a pointer per token for scales and corrections both, so they
    // reach each token's corrections at one offset from its scales (the same for every row of the same width).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TileArgs FiveTokenTile(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride, bool minus8)
    {
        var args = Tile(packed, x, xStride, cols, y, yStride, minus8);
        byte* r4 = x + 4 * xStride;
        args.X4 = r4 + 2;
        args.S4 = Q8ActivationRow.Scales(r4, cols);
        args.CorrectionOffsetBytes = (byte*)args.C0 - (byte*)args.S0;
        return args;
    }

    /// <summary>Q4_K repacked at load (<see cref="NibbleKRows8"/>) · four Q8_K activation rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_Kx4(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        var args = SuperBlockTile(packed, x, xStride, cols, y, yStride);
        s_q4_Kx4(&args);
    }

    /// <summary>Q6_K repacked at load (<see cref="SixBitKRows8"/>) · four Q8_K activation rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q6_Kx4(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        var args = SuperBlockTile(packed, x, xStride, cols, y, yStride);
        s_q6_Kx4(&args);
    }

    // The k-quant kernels read whole Q8_K blocks (scale, quants and bsums), so the rows go in as they start.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TileArgs SuperBlockTile(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride) => new()
    {
        Packed = packed,
        Blocks = cols / BlockQ8_K.BlockSize,
        X0 = x, X1 = x + xStride, X2 = x + 2 * xStride, X3 = x + 3 * xStride,
        Y = y,
        YStrideBytes = yStride * sizeof(float),
    };

    // A one-token tile (xStride 0) fills every slot with the same row; the 8x1 kernels read slot 0 only.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TileArgs Tile(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride, bool minus8)
    {
        byte* r1 = x + xStride, r2 = x + 2 * xStride, r3 = x + 3 * xStride;
        return new TileArgs
        {
            Packed = packed,
            Blocks = cols / 32,
            X0 = x + 2, X1 = r1 + 2, X2 = r2 + 2, X3 = r3 + 2,
            S0 = Q8ActivationRow.Scales(x, cols), S1 = Q8ActivationRow.Scales(r1, cols),
            S2 = Q8ActivationRow.Scales(r2, cols), S3 = Q8ActivationRow.Scales(r3, cols),
            C0 = Corrections(x, cols, minus8), C1 = Corrections(r1, cols, minus8),
            C2 = Corrections(r2, cols, minus8), C3 = Corrections(r3, cols, minus8),
            Y = y,
            YStrideBytes = yStride * sizeof(float),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int* Corrections(byte* row, int cols, bool minus8)
        => minus8 ? Q8ActivationRow.Minus8Sums(row, cols) : Q8ActivationRow.Minus128Sums(row, cols);
}
