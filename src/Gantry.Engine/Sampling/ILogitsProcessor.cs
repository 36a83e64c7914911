namespace Gantry.Engine.Sampling;

/// <summary>
/// One stage of the sampling pipeline: changes logits or removes candidates, never chooses the token.
/// Built-ins: <see cref="PenaltyProcessor"/>, <see cref="TopKFilter"/>, <see cref="TopPFilter"/>,
/// <see cref="MinPFilter"/>, <see cref="TemperatureScaler"/>; grammar masks and logit bias plug in here later.
/// </summary>
/// <remarks>Implementations run on the engine-loop thread and must not allocate in <see cref="Apply"/>.</remarks>
public interface ILogitsProcessor
{
    /// <summary>Short stable name for logs and metrics ("top-k").</summary>
    string Name { get; }

    /// <summary>Transforms the candidates in place. Must leave at least one candidate.</summary>
    void Apply(CandidateSet candidates);
}
