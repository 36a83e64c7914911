namespace Gantry.Engine;

/// <summary>The engine's waiting queue is at <c>--max-queue</c>; the caller should retry later (HTTP 429).</summary>
public sealed class QueueFullException(int limit)
    : Exception($"the waiting queue is full ({limit} requests); retry later")
{
    public int Limit { get; } = limit;
}
