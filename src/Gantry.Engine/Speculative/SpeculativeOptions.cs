using Gantry.Models;

namespace Gantry.Engine.Speculative;

/// <summary>Speculative decoding settings of an engine.</summary>
public sealed record SpeculativeOptions
{
    public SpeculativeMethod Method { get; init; } = SpeculativeMethod.Off;

    /// <summary>Most draft tokens verified per step (<c>--num-speculative-tokens</c>).</summary>
    public int NumSpeculativeTokens { get; init; } = 4;

    /// <summary>Shrink a sequence's draft length after rejections and grow it after full acceptance, and draft one
    /// fewer where a verify step would be one token past a whole kernel pass (<see cref="SpeculativeDecoder.FitToPasses"/>).</summary>
    public bool Adaptive { get; init; } = true;

    /// <summary>The draft model when <see cref="Method"/> is <see cref="SpeculativeMethod.Draft"/> (owned by the caller).</summary>
    public ILanguageModel? DraftModel { get; init; }

    /// <summary>Longest and shortest suffix the n-gram proposer tries to match.</summary>
    public int NgramMax { get; init; } = 4;

    public int NgramMin { get; init; } = 1;

    public void Validate()
    {
        if (NumSpeculativeTokens is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(NumSpeculativeTokens), "must be between 1 and 16");
        if (Method == SpeculativeMethod.Draft && DraftModel is null) throw new ArgumentException("is needed by speculative method 'draft'", nameof(DraftModel));
        if (NgramMin < 1 || NgramMax < NgramMin) throw new ArgumentOutOfRangeException(nameof(NgramMin), "need 1 ≤ ngram-min ≤ ngram-max");
    }
}
