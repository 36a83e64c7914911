namespace Gantry.Models.Sharding;

/// <summary>
/// The all-reduce of tensor parallelism: each shard's attention-output and down projections give a partial sum of
/// the block's output (its heads' or columns' share); <see cref="AllReduce"/> replaces the partial with the sum over
/// every shard. Implementations must add the shards' partials in one fixed order (rank 0, 1, …) and give every shard
/// the same result, so outputs never depend on which shard answered first. Called from the shard's forward thread.
/// </summary>
public interface IPartialSumReducer
{
    /// <param name="partial">(tokens, dim) this shard's partial sum in; the sum over all shards out.</param>
    void AllReduce(Span<float> partial);
}
