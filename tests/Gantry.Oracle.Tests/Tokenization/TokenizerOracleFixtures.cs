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
    protected static TempFile WriteGpt2(string pre)
    {
        var file = new TempFile();
        TiktokenGguf.Write(file.Path, TiktokenGguf.Gpt2, pre);
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
