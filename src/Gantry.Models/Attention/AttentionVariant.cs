namespace Gantry.Models.Attention;

/// <summary>
/// How one layer's attention departs from the plain causal softmax(q·k/√d): the score scale (Gemma 2/3 use the
/// query pre-attention scalar), a tanh soft-cap on the scores (Gemma 2) and a sliding window (Gemma's local layers).
/// </summary>
/// <param name="Scale">Multiplies q·k.</param>
/// <param name="SoftCap">Scores become cap·tanh(score/cap) when positive.</param>
/// <param name="Window">A token sees the last <paramref name="Window"/> positions, itself included; 0 = all.</param>
public readonly record struct AttentionVariant(float Scale, float SoftCap = 0, int Window = 0)
{
    public static AttentionVariant Plain(int headDim) => new(1f / MathF.Sqrt(headDim));
}
