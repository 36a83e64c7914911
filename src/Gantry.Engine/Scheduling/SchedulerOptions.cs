namespace Gantry.Engine.Scheduling;

/// <summary>Limits of one scheduling step and of the waiting queue.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Tokens computed per step across all sequences (decodes count one each; prefill chunks fill the rest).</summary>
    public int MaxBatchedTokens { get; init; } = 512;

    /// <summary>Sequences running at once.</summary>
    public int MaxNumSeqs { get; init; } = 64;

    /// <summary>Requests waiting for admission before new ones are refused with <see cref="QueueFullException"/>.</summary>
    public int MaxQueue { get; init; } = 1024;

    public void Validate()
    {
        if (MaxBatchedTokens < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatchedTokens), "must be at least 1");
        if (MaxNumSeqs < 1) throw new ArgumentOutOfRangeException(nameof(MaxNumSeqs), "must be at least 1");
        if (MaxQueue < 0) throw new ArgumentOutOfRangeException(nameof(MaxQueue), "must not be negative");
    }
}
