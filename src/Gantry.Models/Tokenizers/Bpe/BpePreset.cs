namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// What <c>tokenizer.ggml.pre</c> selects for a byte-level BPE vocabulary: the splitting passes and
/// the few flags llama.cpp ties to the same name.
/// </summary>
/// <param name="Name">The family name used in messages and tests.</param>
/// <param name="Steps">Pre-tokenizer passes, applied in order.</param>
/// <param name="IgnoreMerges">A word that is already a vocabulary entry is emitted whole, without merging.</param>
/// <param name="AddBosDefault">Whether BOS is added when <c>tokenizer.ggml.add_bos_token</c> is absent.</param>
/// <param name="CleanSpaces">Whether decoding removes the space before <c>. , ! ?</c> and some contractions.</param>
internal sealed record BpePreset(string Name, IPreTokenizerStep[] Steps, bool IgnoreMerges, bool AddBosDefault, bool CleanSpaces)
{
    /// <summary>
    /// SentencePiece-style BPE (llama.cpp's <c>byte_encode = false</c> with <c>escape_whitespaces</c>, Gemma 4): spaces
    /// become ▁ before splitting, merges run over code points (not GPT-2's byte alphabet), a symbol without a token
    /// falls back to its bytes' <c>&lt;0xXX&gt;</c> tokens, a newline-only word that is a token is taken whole, and
    /// decoding turns ▁ back into spaces. BOS is always added.
    /// </summary>
    public bool CharacterLevel { get; init; }

    /// <summary>Gemma 4's preset; also what <c>tokenizer.ggml.model = gemma4</c> selects whatever the file's pre says.</summary>
    public static BpePreset Gemma4 { get; } = new("gemma4", [NewlineRunSplitter.Instance], IgnoreMerges: false, AddBosDefault: true, CleanSpaces: true)
    {
        CharacterLevel = true,
    };

    private const string Gpt2Regex = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
    private const string Qwen2Regex =
        "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    // Qwen 3.5: Qwen2's with combining marks (\p{M}) kept in a word and out of a punctuation run.
    private const string Qwen35Regex =
        "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?[\\p{L}\\p{M}]+|\\p{N}| ?[^\\s\\p{L}\\p{M}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static readonly Lazy<BpePreset> s_default = new(() => new BpePreset("default",
        [
            new CollapsedRegexSplitter("[\\p{P}\\$\\+<=>\\^~\\|]+"),
            Gpt2Splitter.Instance,
            new CollapsedRegexSplitter("\\p{N}+"),
            new CollapsedRegexSplitter("[0-9][0-9][0-9]"),
        ], IgnoreMerges: false, AddBosDefault: false, CleanSpaces: true));

    private static readonly Lazy<IPreTokenizerStep[]> s_qwen2Steps = new(() => [new CollapsedRegexSplitter(Qwen2Regex)]);
    private static readonly Lazy<IPreTokenizerStep[]> s_qwen35Steps = new(() => [new CollapsedRegexSplitter(Qwen35Regex)]);
    private static readonly Lazy<IPreTokenizerStep[]> s_deepSeekLlmSteps = new(() => StepsFor(PreTokenizerRegexes.DeepSeekLlm));
    private static readonly Lazy<IPreTokenizerStep[]> s_deepSeekCoderSteps = new(() => StepsFor(PreTokenizerRegexes.DeepSeekCoder));
    private static readonly Lazy<IPreTokenizerStep[]> s_deepSeekV3Steps = new(() => StepsFor(PreTokenizerRegexes.DeepSeekV3));
    private static readonly Lazy<IPreTokenizerStep[]> s_falconSteps = new(() => StepsFor(PreTokenizerRegexes.Falcon));
    private static readonly Lazy<IPreTokenizerStep[]> s_gpt4oSteps = new(() => StepsFor(PreTokenizerRegexes.Gpt4o));
    private static readonly Lazy<IPreTokenizerStep[]> s_tekkenSteps = new(() => StepsFor(PreTokenizerRegexes.Tekken));
    private static readonly Lazy<IPreTokenizerStep[]> s_starcoderSteps = new(() => [new CollapsedRegexSplitter("\\p{N}"), Gpt2Splitter.Instance]);

    /// <summary>The preset for a <c>tokenizer.ggml.pre</c> value (null or empty means "default"), or null if unsupported.</summary>
    public static BpePreset? Find(string? pre) => pre switch
    {
        null or "" or "default" => s_default.Value,
        "llama3" or "llama-v3" or "llama-bpe" or "falcon3" or "falcon-h1" or "pixtral" or "midm-2.0" or "lfm2" or "jina-v5-nano"
            => new BpePreset("llama-bpe", [Llama3Splitter.Instance], IgnoreMerges: true, AddBosDefault: true, CleanSpaces: true),
        "dbrx" or "smaug-bpe"
            => new BpePreset(pre, [Llama3Splitter.Instance], IgnoreMerges: false, AddBosDefault: false, CleanSpaces: true),
        "gpt-2" or "phi-2" or "jina-es" or "jina-de" or "gigachat" or "jina-v2-es" or "jina-v2-de" or "a.x-4.0" or "mellum"
            or "modern-bert" or "exaone4" or "mpt" or "olmo" or "jais"
            => new BpePreset("gpt-2", [Gpt2Splitter.Instance], IgnoreMerges: false, AddBosDefault: false, CleanSpaces: true),
        "qwen2" or "deepseek-r1-qwen" or "kormo" or "f2llmv2" or "hunyuan" or "solar-open"
            => new BpePreset("qwen2", s_qwen2Steps.Value, IgnoreMerges: false, AddBosDefault: false, CleanSpaces: false),
        "qwen35" => new BpePreset(pre, s_qwen35Steps.Value, IgnoreMerges: false, AddBosDefault: false, CleanSpaces: false),
        "stablelm2" or "megrez"
            => new BpePreset("qwen2", s_qwen2Steps.Value, IgnoreMerges: false, AddBosDefault: false, CleanSpaces: true),
        "starcoder" or "refact" or "codeshell" or "exaone" or "minerva-7b" or "mellum2"
            => new BpePreset("starcoder", s_starcoderSteps.Value, IgnoreMerges: false, AddBosDefault: false, CleanSpaces: true),
        "command-r" or "smollm"
            => new BpePreset("starcoder", s_starcoderSteps.Value, IgnoreMerges: false, AddBosDefault: false, CleanSpaces: false),
        "deepseek-llm" => new BpePreset(pre, s_deepSeekLlmSteps.Value, IgnoreMerges: false, AddBosDefault: false, CleanSpaces: false),
        "deepseek-coder" => new BpePreset(pre, s_deepSeekCoderSteps.Value, IgnoreMerges: false, AddBosDefault: false, CleanSpaces: false),
        "deepseek-v3" => new BpePreset(pre, s_deepSeekV3Steps.Value, IgnoreMerges: false, AddBosDefault: false, CleanSpaces: false),
        "falcon" => new BpePreset(pre, s_falconSteps.Value, IgnoreMerges: false, AddBosDefault: false, CleanSpaces: true),
        "gpt-4o" or "llama4" => new BpePreset("gpt-4o", s_gpt4oSteps.Value, IgnoreMerges: false, AddBosDefault: false, CleanSpaces: false),
        "gemma4" => Gemma4,
        "tekken" => new BpePreset(pre, s_tekkenSteps.Value, IgnoreMerges: true, AddBosDefault: true, CleanSpaces: false),
        _ => null,
    };

    /// <summary>
    /// llama.cpp's choice per regex: its hand-written GPT-2 scanner for the GPT-2 regex, collapsed text for a regex
    /// with a <c>\p{...}</c> category, the text itself otherwise.
    /// </summary>
    private static IPreTokenizerStep[] StepsFor(string[] regexes) => regexes.Select(r => r switch
    {
        Gpt2Regex => Gpt2Splitter.Instance,
        _ when r.Contains("\\p{", StringComparison.Ordinal) => (IPreTokenizerStep)new CollapsedRegexSplitter(r),
        _ => new RawRegexSplitter(r),
    }).ToArray();
}
