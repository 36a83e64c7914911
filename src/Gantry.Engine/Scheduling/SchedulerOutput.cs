namespace Gantry.Engine.Scheduling;

/// <summary>
/// What one step computes: the sequences scheduled (each with its <see cref="Sequence.NumScheduledTokens"/> set),
/// and those preempted to make room. A plain contract from the scheduler to the model runner.
/// </summary>
public sealed record SchedulerOutput(IReadOnlyList<Sequence> Scheduled, IReadOnlyList<Sequence> Preempted, IReadOnlyList<Sequence> Failed)
{
    public int TotalScheduledTokens => Scheduled.Sum(s => s.NumScheduledTokens);

    public bool IsEmpty => Scheduled.Count == 0;
}
