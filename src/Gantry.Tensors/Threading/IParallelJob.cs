namespace Gantry.Tensors.Threading;

/// <summary>
/// A unit of parallel work over item indices [start, end). Implemented by reusable objects
/// (fields set before each <see cref="WorkerPool.For"/>) so a step allocates nothing.
/// </summary>
public interface IParallelJob
{
    /// <summary>Processes items [<paramref name="start"/>, <paramref name="end"/>); called concurrently on disjoint ranges.</summary>
    void Execute(int start, int end);
}
