using Gantry.Models.Tokenizers;
using Gantry.TestSupport;

namespace Gantry.Oracle.Tests.Tokenization;

/// <summary>One model file opened twice, by llama.cpp and by Gantry; shared by every test of a class.</summary>
public abstract class TokenizerOracleFixture : IDisposable
{
    private readonly TempFile? _file;

    protected TokenizerOracleFixture(string path, TempFile? ownedFile = null)
    {
        _file = ownedFile;
        LlamaCpp = new LlamaCppVocab(path);
        Gantry = TokenizerFactory.FromGguf(path);
    }

    public LlamaCppVocab LlamaCpp { get; }

    public ITokenizer Gantry { get; }

    public void Dispose()
    {
        LlamaCpp.Dispose();
        _file?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A temp GGUF with GPT-2's real vocabulary and the given <c>tokenizer.ggml.pre</c>.</summary>
    protected static TempFile WriteGpt2(string pre) => Write(TiktokenGguf.Gpt2, pre);

    /// <summary>A temp GGUF with cl100k_base plus Llama-3-style control tokens.</summary>
    protected static TempFile WriteCl100k(string pre) => Write(TiktokenGguf.Cl100kLlama3Style, pre);

    private static TempFile Write(TiktokenGguf.Vocabulary vocabulary, string pre)
    {
        var file = new TempFile();
        TiktokenGguf.Write(file.Path, vocabulary, pre);
        return file;
    }
}

public sealed class Stories260KOracle() : TokenizerOracleFixture(SharedModels.Stories260K);

public sealed class LlamaTinyRandomOracle() : TokenizerOracleFixture(SharedModels.LlamaTinyRandom);

public sealed class Gpt2DefaultOracle : TokenizerOracleFixture
{
    public Gpt2DefaultOracle() : this(WriteGpt2("default")) { }
    private Gpt2DefaultOracle(TempFile file) : base(file.Path, file) { }
}

public sealed class Gpt2Gpt2Oracle : TokenizerOracleFixture
{
    public Gpt2Gpt2Oracle() : this(WriteGpt2("gpt-2")) { }
    private Gpt2Gpt2Oracle(TempFile file) : base(file.Path, file) { }
}

public sealed class Gpt2LlamaBpeOracle : TokenizerOracleFixture
{
    public Gpt2LlamaBpeOracle() : this(WriteGpt2("llama-bpe")) { }
    private Gpt2LlamaBpeOracle(TempFile file) : base(file.Path, file) { }
}

public sealed class Gpt2Qwen2Oracle : TokenizerOracleFixture
{
    public Gpt2Qwen2Oracle() : this(WriteGpt2("qwen2")) { }
    private Gpt2Qwen2Oracle(TempFile file) : base(file.Path, file) { }
}

public sealed class Cl100kLlamaBpeOracle : TokenizerOracleFixture
{
    public Cl100kLlamaBpeOracle() : this(WriteCl100k("llama-bpe")) { }
    private Cl100kLlamaBpeOracle(TempFile file) : base(file.Path, file) { }
}

public sealed class Cl100kQwen2Oracle : TokenizerOracleFixture
{
    public Cl100kQwen2Oracle() : this(WriteCl100k("qwen2")) { }
    private Cl100kQwen2Oracle(TempFile file) : base(file.Path, file) { }
}

/// <summary>
/// The Llama 2 vocabulary with Phi-3's added chat tokens (user-defined markers, a control
/// &lt;|endoftext|&gt;) and a Phi-3 model name, which turns on llama.cpp's right-strip rule.
/// </summary>
public sealed class Phi3StyleOracle : TokenizerOracleFixture
{
    public Phi3StyleOracle() : this(Write()) { }
    private Phi3StyleOracle(TempFile file) : base(file.Path, file) { }

    private static TempFile Write()
    {
        var file = new TempFile();
        GgufVariant.Write(SharedModels.LlamaTinyRandom, file.Path, (w, m) =>
        {
            w.Set("general.name", "Phi-3-mini-4k-instruct (tokenizer test)");
            GgufVariant.AddTokens(w, m, ("<|endoftext|>", 3), ("<|assistant|>", 4), ("<|end|>", 4), ("<|user|>", 4), ("<|system|>", 4), ("<|placeholder1|>", 4), ("<unused0>", 3));
        });
        return file;
    }
}

/// <summary>stories260K with add_space_prefix off, no BOS and an EOS appended.</summary>
public sealed class Stories260KNoPrefixOracle : TokenizerOracleFixture
{
    public Stories260KNoPrefixOracle() : this(Write()) { }
    private Stories260KNoPrefixOracle(TempFile file) : base(file.Path, file) { }

    private static TempFile Write()
    {
        var file = new TempFile();
        GgufVariant.Write(SharedModels.Stories260K, file.Path, (w, _) => w
            .Set("tokenizer.ggml.add_space_prefix", false)
            .Set("tokenizer.ggml.add_bos_token", false)
            .Set("tokenizer.ggml.add_eos_token", true));
        return file;
    }
}
