namespace Gantry.Engine.Speculative;

/// <summary>Where draft tokens come from (<c>--speculative ngram|draft|off</c>).</summary>
public enum SpeculativeMethod
{
    Off,

    /// <summary>Prompt lookup: continue the latest earlier occurrence of the last few tokens.</summary>
    Ngram,

    /// <summary>A smaller model with the same vocabulary decodes ahead greedily.</summary>
    Draft,
}
