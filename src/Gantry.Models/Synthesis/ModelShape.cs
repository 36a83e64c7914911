namespace Gantry.Models.Synthesis;

/// <summary>
/// The dimensions of a synthetic model, with presets at real published shapes and small ones for tests.
/// <see cref="Family"/> is the name <c>gantry synth --arch</c> takes (Mixtral is a <c>llama</c> file with experts).
/// </summary>
public sealed record ModelShape(
    string Name,
    int EmbeddingLength,
    int LayerCount,
    int FeedForwardLength,
    int HeadCount,
    int HeadCountKv,
    int VocabSize,
    int ContextLength,
    float RopeFreqBase = 10000f,
    bool TiedOutput = false,
    string Architecture = "llama")
{
    /// <summary>Per-head size; dim / heads unless set (Qwen3 and Gemma use wider heads).</summary>
    public int HeadDim { get; init; } = EmbeddingLength / HeadCount;

    /// <summary>Rotated dimensions per head; the whole head unless set (partial rotary).</summary>
    public int RopeDimensions { get => _ropeDimensions > 0 ? _ropeDimensions : HeadDim; init => _ropeDimensions = value; }

    private readonly int _ropeDimensions;

    public string Family { get; init; } = Architecture;

    public int ExpertCount { get; init; }
    public int ExpertUsedCount { get; init; }
    public int ExpertFeedForwardLength { get; init; }
    public int SharedExpertFeedForwardLength { get; init; }
    public int SlidingWindow { get; init; }
    public float AttentionSoftCap { get; init; }
    public float FinalSoftCap { get; init; }

    /// <summary>TinyLlama-1.1B: 22 layers of 2048, GQA 32/4, 32000 tokens.</summary>
    public static ModelShape TinyLlama11B { get; } = new("tinyllama-1.1b", 2048, 22, 5632, 32, 4, 32000, 2048);

    /// <summary>A draft for TinyLlama-1.1B: its vocabulary at 1024 wide and 4 layers, about 13× fewer weights read a
    /// token (the 32000-row output head is most of them).</summary>
    public static ModelShape TinyLlamaDraft { get; } = new("tinyllama-draft", 1024, 4, 2816, 16, 4, 32000, 2048);

    /// <summary>A ~15M-parameter shape for quick benchmarks.</summary>
    public static ModelShape Small { get; } = new("small", 256, 4, 768, 8, 4, 4096, 1024);

    /// <summary>A tiny shape for unit tests: every dimension a multiple of 256 so K-quants apply, GQA 4/2.</summary>
    public static ModelShape Tiny { get; } = new("tiny", 256, 2, 512, 4, 2, 1024, 512);

    /// <summary>Qwen2-style tiny shape: q/k/v biases, NeoX rotary layout, tied output head.</summary>
    public static ModelShape TinyQwen2 { get; } = new("tiny-qwen2", 256, 2, 512, 4, 2, 1024, 512, 1000000f, TiedOutput: true, Architecture: "qwen2");

    public static ModelShape TinyQwen3 { get; } = new("tiny-qwen3", 256, 2, 512, 4, 2, 1024, 512, 1000000f, TiedOutput: true, Architecture: "qwen3") { HeadDim = 128 };

    public static ModelShape TinyQwen3Moe { get; } = new("tiny-qwen3moe", 256, 2, 512, 4, 2, 1024, 512, 1000000f, Architecture: "qwen3moe")
    { HeadDim = 64, ExpertCount = 8, ExpertUsedCount = 2, ExpertFeedForwardLength = 256 };

    public static ModelShape TinyQwen2Moe { get; } = new("tiny-qwen2moe", 256, 2, 512, 4, 2, 1024, 512, 1000000f, Architecture: "qwen2moe")
    { ExpertCount = 8, ExpertUsedCount = 2, ExpertFeedForwardLength = 256, SharedExpertFeedForwardLength = 512 };

    public static ModelShape TinyMixtral { get; } = new("tiny-mixtral", 256, 2, 512, 4, 2, 1024, 512) { Family = "mixtral", ExpertCount = 4, ExpertUsedCount = 2, ExpertFeedForwardLength = 512 };

    /// <summary>Gemma 2 at test size: window 16 (prompts and generations run past it), caps low enough to bite.</summary>
    public static ModelShape TinyGemma2 { get; } = new("tiny-gemma2", 256, 4, 512, 4, 2, 1024, 512, TiedOutput: true, Architecture: "gemma2")
    { HeadDim = 64, SlidingWindow = 16, AttentionSoftCap = 10f, FinalSoftCap = 15f };

    /// <summary>Gemma 3 at test size: six layers (five local, one global), window 16, global RoPE base distinct from the local 10000.</summary>
    public static ModelShape TinyGemma3 { get; } = new("tiny-gemma3", 256, 6, 512, 4, 2, 1024, 512, 1000000f, TiedOutput: true, Architecture: "gemma3")
    { HeadDim = 64, SlidingWindow = 16 };

    /// <summary>Phi-3 at test size: fused QKV and gate+up, partial rotary (half of each head).</summary>
    public static ModelShape TinyPhi3 { get; } = new("tiny-phi3", 256, 2, 512, 4, 2, 1024, 512, Architecture: "phi3") { RopeDimensions = 32 };

    public static ModelShape Qwen3_06B { get; } = new("qwen3-0.6b", 1024, 28, 3072, 16, 8, 151936, 40960, 1000000f, TiedOutput: true, Architecture: "qwen3") { HeadDim = 128 };

    public static ModelShape Qwen3Moe30B { get; } = new("qwen3moe-30b-a3b", 2048, 48, 6144, 32, 4, 151936, 40960, 1000000f, Architecture: "qwen3moe")
    { HeadDim = 128, ExpertCount = 128, ExpertUsedCount = 8, ExpertFeedForwardLength = 768 };

    public static ModelShape Qwen2Moe27B { get; } = new("qwen2moe-a2.7b", 2048, 24, 5632, 16, 16, 151936, 8192, 1000000f, Architecture: "qwen2moe")
    { ExpertCount = 60, ExpertUsedCount = 4, ExpertFeedForwardLength = 1408, SharedExpertFeedForwardLength = 5632 };

    public static ModelShape Mixtral8x7B { get; } = new("mixtral-8x7b", 4096, 32, 14336, 32, 8, 32000, 32768, 1000000f)
    { Family = "mixtral", ExpertCount = 8, ExpertUsedCount = 2, ExpertFeedForwardLength = 14336 };

    public static ModelShape Gemma2_2B { get; } = new("gemma2-2b", 2304, 26, 9216, 8, 4, 256000, 8192, TiedOutput: true, Architecture: "gemma2")
    { HeadDim = 256, SlidingWindow = 4096, AttentionSoftCap = 50f, FinalSoftCap = 30f };

    public static ModelShape Gemma3_1B { get; } = new("gemma3-1b", 1152, 26, 6912, 4, 1, 262144, 32768, 1000000f, TiedOutput: true, Architecture: "gemma3")
    { HeadDim = 256, SlidingWindow = 512 };

    public static ModelShape Phi3Mini { get; } = new("phi3-mini", 3072, 32, 8192, 32, 32, 32064, 4096, Architecture: "phi3");

    /// <summary>The MoE benchmark model: 8 experts, top-2, about 1B parameters in all, ~0.33B active per token.</summary>
    public static ModelShape Moe1B { get; } = new("moe-1b", 1024, 12, 3072, 16, 4, 32000, 4096) { Family = "mixtral", ExpertCount = 8, ExpertUsedCount = 2, ExpertFeedForwardLength = 3072 };

    /// <summary>A dense model with <see cref="Moe1B"/>'s active parameters per token (its FFN as wide as two experts).</summary>
    public static ModelShape Dense1BActive { get; } = new("dense-moe-1b-active", 1024, 12, 6144, 16, 4, 32000, 4096);

    public static IReadOnlyList<ModelShape> Presets { get; } =
    [
        TinyLlama11B, TinyLlamaDraft, Small, Tiny, TinyQwen2, TinyQwen3, TinyQwen3Moe, TinyQwen2Moe, TinyMixtral, TinyGemma2, TinyGemma3, TinyPhi3,
        Qwen3_06B, Qwen3Moe30B, Qwen2Moe27B, Mixtral8x7B, Gemma2_2B, Gemma3_1B, Phi3Mini, Moe1B, Dense1BActive,
    ];

    /// <summary>The <c>--arch</c> names <c>gantry synth</c> knows.</summary>
    public static IReadOnlyList<string> Families { get; } = Presets.Select(p => p.Family).Distinct().ToArray();

    public static ModelShape Parse(string name) =>
        Presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown shape '{name}' (known: {string.Join(", ", Presets.Select(p => p.Name))})");

    /// <summary>
    /// A family's preset: <paramref name="shape"/> null or "real" gives its published shape, "tiny" its test shape,
    /// any other name must be one of the family's presets.
    /// </summary>
    public static ModelShape Resolve(string family, string? shape)
    {
        var mine = Presets.Where(p => string.Equals(p.Family, family, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (mine.Length == 0) throw new ArgumentException($"unknown architecture '{family}' (known: {string.Join(", ", Families)})");
        var found = shape switch
        {
            null or "real" => mine.FirstOrDefault(p => !p.Name.StartsWith("tiny", StringComparison.Ordinal) && p.Name != "small"),
            "tiny" => mine.FirstOrDefault(p => p.Name.StartsWith("tiny", StringComparison.Ordinal)),
            _ => mine.FirstOrDefault(p => string.Equals(p.Name, shape, StringComparison.OrdinalIgnoreCase)),
        };
        return found ?? throw new ArgumentException($"architecture '{family}' has no shape '{shape}' (known: tiny, real, {string.Join(", ", mine.Select(p => p.Name))})");
    }
}
