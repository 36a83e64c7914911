namespace Gantry.Engine;

public enum SequenceStatus
{
    /// <summary>In the waiting queue: new, or preempted and waiting to recompute.</summary>
    Waiting,

    /// <summary>Holds KV blocks and is scheduled each step until finished.</summary>
    Running,

    Finished,
}
