namespace Gantry.Models.Synthesis;

/// <summary>The dimensions of a Llama-family model, with presets at real published shapes and small ones for tests.</summary>
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
    public int HeadDim => EmbeddingLength / HeadCount;

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

    public static IReadOnlyList<ModelShape> Presets { get; } = [TinyLlama11B, TinyLlamaDraft, Small, Tiny, TinyQwen2];

    public static ModelShape Parse(string name) =>
        Presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown shape '{name}' (known: {string.Join(", ", Presets.Select(p => p.Name))})");
}
