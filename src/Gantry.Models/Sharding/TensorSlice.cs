namespace Gantry.Models.Sharding;

/// <summary>
/// Shard <see cref="Rank"/> of <see cref="Count"/> in tensor parallelism: which attention heads, feed-forward columns
/// and output-head rows a worker holds. Heads and columns are split evenly (a model whose counts do not divide is
/// refused with a <see cref="TensorSplitException"/>); vocabulary rows need no even split (logits are concatenated).
/// </summary>
public readonly record struct TensorSlice(int Rank, int Count)
{
    /// <summary>The whole model: one shard.</summary>
    public static TensorSlice Whole => new(0, 1);

    public bool IsWhole => Count == 1;

    /// <summary>Parses <c>I/N</c> (0 &lt;= I &lt; N), as <c>gantry worker --tp-rank</c> takes it.</summary>
    public static TensorSlice Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || !int.TryParse(text.AsSpan(0, slash), out var rank) || !int.TryParse(text.AsSpan(slash + 1), out var count) || count < 1 || rank < 0 || rank >= count)
            throw new FormatException($"'{text}' is not a tensor-parallel rank I/N with 0 <= I < N");
        return new TensorSlice(rank, count);
    }

    /// <summary>This shard's equal part of <paramref name="total"/> units; throws when they do not divide.</summary>
    /// <param name="what">What the units are, for the error (e.g. "KV heads").</param>
    public (int Start, int Count) Even(int total, string what)
    {
        if (total % Count != 0)
            throw new TensorSplitException($"the model's {total} {what} do not split evenly across {Count} tensor-parallel shards");
        var share = total / Count;
        return (Rank * share, share);
    }

    /// <summary>This shard's part of <paramref name="total"/> rows, as even as integers allow (the first shards may get one fewer).</summary>
    public (int Start, int Count) Share(int total)
    {
        var start = (int)((long)total * Rank / Count);
        var end = (int)((long)total * (Rank + 1) / Count);
        return (start, end - start);
    }

    public override string ToString() => $"{Rank}/{Count}";
}
