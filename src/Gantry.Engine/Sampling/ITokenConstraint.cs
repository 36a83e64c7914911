namespace Gantry.Engine.Sampling;

/// <summary>
/// A logits processor that follows the generated text, such as a grammar: it removes the tokens the text may not
/// continue with, and is told each generated token once it is final (<see cref="Sampler.Accept"/>), never prompt
/// tokens. Rejected speculative drafts are never reported, so its state always matches the sequence's tokens.
/// </summary>
/// <remarks>Engine-loop thread; <see cref="ILogitsProcessor.Apply"/> and <see cref="Advance"/> must not allocate.</remarks>
public interface ITokenConstraint : ILogitsProcessor
{
    /// <summary>Moves past a generated token (one the last <see cref="ILogitsProcessor.Apply"/> allowed).</summary>
    void Advance(int tokenId);
}
