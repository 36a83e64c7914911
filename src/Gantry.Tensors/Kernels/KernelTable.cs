namespace Gantry.Tensors.Kernels;

/// <summary>
/// The kernels a (weight type, path) pair uses. <see cref="Dot"/> is one weight row · one activation row;
/// <see cref="Dot4"/>, where present, is one weight row · four activation rows, decoding each weight block once
/// for all four (the micro-kernel of the batched path). <see cref="Pack"/> and <see cref="Dot8x4"/>, where present,
/// are the packed batched path: eight rows rearranged by <see cref="PackedRows8"/> (or <see cref="PackedKRows8{TFormat}"/>), then
/// eight rows · four tokens, over groups of <see cref="PackedGroupBytes"/>, used from <see cref="PackMinTokens"/> tokens;
/// <see cref="Dot8x1"/>, where present, takes a packed tile's tokens past the last group of four.
/// </summary>
internal readonly unsafe struct KernelSet
{
    /// <summary>(w row, x row, cols) → dot.</summary>
    public readonly delegate*<byte*, byte*, int, float> Dot;
    /// <summary>(w row, x row 0, bytes between x rows, cols, out (4) dots).</summary>
    public readonly delegate*<byte*, byte*, nint, int, float*, void> Dot4;

    /// <summary>(w row 0, bytes between w rows, cols, out packed group of eight rows).</summary>
    public readonly delegate*<byte*, int, int, byte*, void> Pack;
    /// <summary>(packed group, x row 0, bytes between x rows, cols, out y, floats between y rows): writes (4, 8) dots.</summary>
    public readonly delegate*<byte*, byte*, nint, int, float*, nint, void> Dot8x4;
    /// <summary>(cols) → bytes of one packed group of eight rows.</summary>
    public readonly delegate*<int, int> PackedGroupBytes;
    /// <summary>Fewest tokens for which packing a tile pays (a multiple of four).</summary>
    public readonly int PackMinTokens;
    /// <summary>(packed group, x row, cols, out (8) dots): one token against a packed group; null where absent.</summary>
    public readonly delegate*<byte*, byte*, int, float*, void> Dot8x1;

    /// <summary>The kernels over weights repacked at load (<see cref="WeightMatrix.Packed"/>: <see cref="NibbleRows8"/>
    /// for Q4_0, <see cref="SignedRows8"/> for Q8_0, <see cref="NibbleKRows8"/> for Q4_K, <see cref="SixBitKRows8"/> for Q6_K), as <see cref="Dot8x4"/> and <see cref="Dot8x1"/>; null where this
    /// path has none.</summary>
    public delegate*<byte*, byte*, nint, int, float*, nint, void> RepackedDot8x4 { get; init; }
    public delegate*<byte*, byte*, int, float*, void> RepackedDot8x1 { get; init; }
    /// <summary>Where present, eight repacked rows · five tokens in one pass, arguments as <see cref="RepackedDot8x4"/>
    /// (writes (5, 8) dots): a step of five (a speculative verify of four drafts) instead of four tokens and one.</summary>
    public delegate*<byte*, byte*, nint, int, float*, nint, void> RepackedDot8x5 { get; init; }
    /// <summary>Packs eight rows at load for <see cref="RepackedDot8x4"/> (arguments as <see cref="Pack"/>).</summary>
    public delegate*<byte*, int, int, byte*, void> Repack { get; init; }
    /// <summary>(cols) → bytes of one group of eight rows repacked at load.</summary>
    public delegate*<int, int> RepackedGroupBytes { get; init; }

    /// <summary>Where present, the sixteen-row forms of <see cref="RepackedDot8x4"/>, <see cref="RepackedDot8x1"/> and
    /// <see cref="RepackedDot8x5"/> (writing sixteen dots a token) over groups packed by <see cref="Repack16"/>, which
    /// <see cref="WeightRepacker"/> then prefers for matrices of sixteen rows or more.</summary>
    public delegate*<byte*, byte*, nint, int, float*, nint, void> RepackedDot16x4 { get; init; }
    public delegate*<byte*, byte*, int, float*, void> RepackedDot16x1 { get; init; }
    public delegate*<byte*, byte*, nint, int, float*, nint, void> RepackedDot16x5 { get; init; }
    /// <summary>Packs sixteen rows at load (arguments as <see cref="Pack"/>).</summary>
    public delegate*<byte*, int, int, byte*, void> Repack16 { get; init; }
    /// <summary>(cols) → bytes of one group of sixteen rows repacked at load.</summary>
    public delegate*<int, int> Repacked16GroupBytes { get; init; }

    public KernelSet(delegate*<byte*, byte*, int, float> dot, delegate*<byte*, byte*, nint, int, float*, void> dot4,
        delegate*<byte*, int, int, byte*, void> pack = null, delegate*<byte*, byte*, nint, int, float*, nint, void> dot8x4 = null,
        delegate*<int, int> packedGroupBytes = null, int packMinTokens = PackedRows8.MinTokens,
        delegate*<byte*, byte*, int, float*, void> dot8x1 = null)
    {
        Dot = dot;
        Dot4 = dot4;
        Pack = pack;
        Dot8x4 = dot8x4;
        PackedGroupBytes = packedGroupBytes;
        PackMinTokens = packMinTokens;
        Dot8x1 = dot8x1;
    }
}

internal static unsafe class KernelTable
{
    public static KernelSet Get(GgmlType type, KernelPath path) => (type, path) switch
    {
        (GgmlType.F32, KernelPath.Scalar) => new(&DotF32.Scalar, null),
        (GgmlType.F32, KernelPath.Vector128) => new(&DotF32.Vector128Path, null),
        (GgmlType.F32, KernelPath.Avx2) => new(&DotF32.Avx2Path, &DotF32.Avx2Path4),
        (GgmlType.F32, KernelPath.Avx512) => new(&DotF32.Avx512Path, &DotF32.Avx512Path4),
        (GgmlType.F16, KernelPath.Scalar) => new(&DotF16.Scalar, null),
        (GgmlType.F16, KernelPath.Vector128) => new(&DotF16.Vector128Path, null),
        (GgmlType.F16, KernelPath.Avx2) => new(&DotF16.Avx2Path, &DotF16.Avx2Path4),
        (GgmlType.F16, KernelPath.Avx512) => new(&DotF16.Avx512Path, &DotF16.Avx512Path4),
        (GgmlType.BF16, KernelPath.Scalar) => new(&DotBF16.Scalar, null),
        (GgmlType.BF16, KernelPath.Vector128) => new(&DotBF16.Vector128Path, null),
        (GgmlType.BF16, KernelPath.Avx2) => new(&DotBF16.Avx2Path, &DotBF16.Avx2Path4),
        (GgmlType.BF16, KernelPath.Avx512) => new(&DotBF16.Avx512Path, &DotBF16.Avx512Path4),
        (GgmlType.Q8_0, KernelPath.Scalar) => new(&DotQ8_0.Scalar, null),
        (GgmlType.Q8_0, KernelPath.Vector128) => new(&DotQ8_0.Vector128Path, null),
        (GgmlType.Q8_0, KernelPath.Avx2) => new(&DotQ8_0.Avx2Path, &DotQ8_0.Avx2Path4)
        {
            RepackedDot8x4 = &DotPacked8x4.Q8_0RepackedAvx2,
            RepackedDot8x1 = &DotPacked8x4.Q8_0RepackedAvx2Single,
            Repack = &SignedRows8.Pack,
            RepackedGroupBytes = &SignedRows8.GroupBytes,
        },
        (GgmlType.Q8_0, KernelPath.Avx512) => new(&DotQ8_0.VnniPath, &DotQ8_0.VnniPath4, &PackedRows8.PackQ8_0, &DotPacked8x4.Q8_0, &PackedRows8.GroupBytes),
        (GgmlType.Q4_0, KernelPath.Scalar) => new(&DotQ4_0.Scalar, null),
        (GgmlType.Q4_0, KernelPath.Vector128) => new(&DotQ4_0.Vector128Path, null),
        (GgmlType.Q4_0, KernelPath.Avx2) => new(&DotQ4_0.Avx2Path, &DotQ4_0.Avx2Path4, &PackedRows8.PackQ4_0, &DotPacked8x4.Q4_0Avx2,
            &PackedRows8.GroupBytes, PackedRows8.MinTokensAvx2, &DotPacked8x4.Q4_0Avx2Single)
        {
            RepackedDot8x4 = &DotPacked8x4.Q4_0RepackedAvx2,
            RepackedDot8x1 = &DotPacked8x4.Q4_0RepackedAvx2Single,
            Repack = &NibbleRows8.Pack,
            RepackedGroupBytes = &NibbleRows8.GroupBytes,
        },
        (GgmlType.Q4_0, KernelPath.Avx512) => new(&DotQ4_0.VnniPath, &DotQ4_0.VnniPath4, &PackedRows8.PackQ4_0, &DotPacked8x4.Q4_0, &PackedRows8.GroupBytes),
        (GgmlType.Q5_0, KernelPath.Scalar) => new(&DotQ5_0.Scalar, null),
        (GgmlType.Q5_0, KernelPath.Vector128) => new(&DotQ5_0.Vector128Path, null),
        (GgmlType.Q5_0, KernelPath.Avx2) => new(&DotQ5_0.Avx2Path, &DotQ5_0.Avx2Path4),
        (GgmlType.Q5_0, KernelPath.Avx512) => new(&DotQ5_0.VnniPath, &DotQ5_0.VnniPath4),
        (GgmlType.Q4_K, KernelPath.Scalar) => new(&DotQ4_K.Scalar, null),
        (GgmlType.Q4_K, KernelPath.Vector128) => new(&DotQ4_K.Vector128Path, null),
        (GgmlType.Q4_K, KernelPath.Avx2) => new(&DotQ4_K.Avx2Path, &DotQ4_K.Avx2Path4)
        {
            RepackedDot8x4 = &DotPackedQ4_K.RepackedAvx2,
            RepackedDot8x1 = &DotPackedQ4_K.RepackedAvx2Single,
            Repack = &NibbleKRows8.Pack,
            RepackedGroupBytes = &NibbleKRows8.GroupBytes,
        },
        (GgmlType.Q4_K, KernelPath.Avx512) => new(&DotQ4_K.VnniPath, &DotQ4_K.VnniPath4, 
            &PackedQ4_K.Pack, &PackedKRows8<PackedQ4_K>.Dot8x4, &PackedKRows8<PackedQ4_K>.GroupBytes),
        (GgmlType.Q5_K, KernelPath.Scalar) => new(&DotQ5_K.Scalar, null),
        (GgmlType.Q5_K, KernelPath.Vector128) => new(&DotQ5_K.Vector128Path, null),
        (GgmlType.Q5_K, KernelPath.Avx2) => new(&DotQ5_K.Avx2Path, &DotQ5_K.Avx2Path4),
        (GgmlType.Q5_K, KernelPath.Avx512) => new(&DotQ5_K.VnniPath, &DotQ5_K.VnniPath4),
        (GgmlType.Q6_K, KernelPath.Scalar) => new(&DotQ6_K.Scalar, null),
        (GgmlType.Q6_K, KernelPath.Vector128) => new(&DotQ6_K.Vector128Path, null),
        (GgmlType.Q6_K, KernelPath.Avx2) => new(&DotQ6_K.Avx2Path, &DotQ6_K.Avx2Path4)
        {
            RepackedDot8x4 = &DotPackedQ6_K.RepackedAvx2,
            RepackedDot8x1 = &DotPackedQ6_K.RepackedAvx2Single,
            Repack = &SixBitKRows8.Pack,
            RepackedGroupBytes = &SixBitKRows8.GroupBytes,
        },
        (GgmlType.Q6_K, KernelPath.Avx512) => new(&DotQ6_K.VnniPath, &DotQ6_K.VnniPath4,
            &PackedQ6_K.Pack, &PackedKRows8<PackedQ6_K>.Dot8x4, &PackedKRows8<PackedQ6_K>.GroupBytes),
        (GgmlType.Q8_0, KernelPath.NativeVnni) => Get(type, Managed) with
        {
            RepackedDot8x4 = &NativeVnni.Q8_0x4,
            RepackedDot8x1 = &NativeVnni.Q8_0x1,
            RepackedDot8x5 = &NativeVnni.Q8_0x5,
            Repack = &CompactRows8.PackQ8_0,
            RepackedGroupBytes = &CompactRows8.Q8_0GroupBytes,
            RepackedDot16x4 = &NativeVnni.Q8_0x4Wide,
            RepackedDot16x1 = &NativeVnni.Q8_0x1Wide,
            RepackedDot16x5 = &NativeVnni.Q8_0x5Wide,
            Repack16 = &CompactRows16.PackQ8_0,
            Repacked16GroupBytes = &CompactRows16.Q8_0GroupBytes,
        },
        (GgmlType.Q4_0, KernelPath.NativeVnni) => Get(type, Managed) with
        {
            RepackedDot8x4 = &NativeVnni.Q4_0x4,
            RepackedDot8x1 = &NativeVnni.Q4_0x1,
            RepackedDot8x5 = &NativeVnni.Q4_0x5,
            Repack = &CompactRows8.PackQ4_0,
            RepackedGroupBytes = &CompactRows8.Q4_0GroupBytes,
            RepackedDot16x4 = &NativeVnni.Q4_0x4Wide,
            RepackedDot16x1 = &NativeVnni.Q4_0x1Wide,
            RepackedDot16x5 = &NativeVnni.Q4_0x5Wide,
            Repack16 = &CompactRows16.PackQ4_0,
            Repacked16GroupBytes = &CompactRows16.Q4_0GroupBytes,
        },
        (GgmlType.Q4_K, KernelPath.NativeVnni) => Get(type, KernelPath.Avx2) with
        {
            // One token keeps the managed kernel: the machine code's decode ran slower (Q4_K_M 44 against 48 tokens/s).
            RepackedDot8x4 = &NativeVnni.Q4_Kx4,
        },
        (GgmlType.Q6_K, KernelPath.NativeVnni) => Get(type, KernelPath.Avx2) with
        {
            RepackedDot8x4 = &NativeVnni.Q6_Kx4,
        },
        (_, KernelPath.NativeVnni) => Get(type, Managed),
        _ => throw new NotSupportedException($"No matmul kernel for {type}."),
    };

    /// <summary>What <see cref="KernelPath.NativeVnni"/> runs where it has no machine code, and for weights not
    /// repacked (<c>--no-repack</c>): the managed VNNI kernels on CPUs where .NET emits vpdpbusd (Intel, AVX-VNNI),
    /// else AVX2. Q4_K and Q6_K keep the AVX2 set, whose repacked one-token kernels go with the machine code's four.</summary>
    private static KernelPath Managed => KernelPaths.IsSupported(KernelPath.Avx512) ? KernelPath.Avx512 : KernelPath.Avx2;
}
