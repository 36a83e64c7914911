namespace Gantry.Cli.Bench;

/// <summary>
/// Seeded random prompts. Every prompt is distinct (so the prefix cache never helps by accident) and avoids the
/// first few ids, which are control tokens (unknown, BOS, EOS) in Llama-family vocabularies.
/// </summary>
internal sealed class RandomPrompts(int vocabSize, ulong seed)
{
    private const int FirstOrdinaryToken = 3;
    private readonly Random _rng = new(unchecked((int)(seed ^ (seed >> 32))));

    public int[] Next(int length)
    {
        var tokens = new int[length];
        var span = Math.Max(1, vocabSize - FirstOrdinaryToken);
        for (var i = 0; i < length; i++) tokens[i] = FirstOrdinaryToken + _rng.Next(span);
        return tokens;
    }
}
